/** An item's derivatives (redacted copies…), and adding one from a file. */
import { Alert, Button, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/queries';
import { request } from '../../api/vigil';
import type { ItemDetail } from './format';

const KIND_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

function AddDerivativeForm({ detail, onDone }: { detail: ItemDetail; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation('items');
  const [kind, setKind] = useState('redacted');
  const [title, setTitle] = useState('');
  const add = useApiMutation('items:add-derivative');
  const kindOk = KIND_PATTERN.test(kind);

  const choose = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    if (!kindOk) return;
    const { files } = await request('dialog:open-files', { title: t('derivatives.dialogTitle'), multiple: false });
    const [file] = files;
    if (file === undefined) return;
    add.mutate(
      {
        id: detail.id,
        file: file.grant,
        derivativeKind: kind,
        ...(title.trim() === '' ? {} : { title: title.trim() }),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form
      onSubmit={(e) => void choose(e)}
      aria-label={t('derivatives.formLabel')}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <Stack gap="xs">
        <Group align="flex-start" grow>
          <TextInput
            label={t('derivatives.kind')}
            description={t('derivatives.kindHint')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            error={kindOk ? undefined : t('derivatives.kindInvalid')}
            required
          />
          <TextInput label={t('derivatives.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        </Group>
        {add.isError && <Alert color="red">{add.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('edit.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('derivatives.choose')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The derivatives of `detail`; `onOpen` opens one. */
export function Derivatives({
  detail,
  onOpen,
}: {
  detail: ItemDetail;
  onOpen: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="xs">
      {detail.derivatives.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('derivatives.none')}
        </Text>
      ) : (
        <ul className="item-derivatives">
          {detail.derivatives.map((d) => (
            <li key={d.id}>
              <UnstyledButton className="item-derivatives__open" onClick={() => onOpen(d.id)}>
                <Text size="sm">
                  {d.title}{' '}
                  <Text span c="dimmed" size="xs">
                    ({d.derivativeKind})
                  </Text>
                </Text>
              </UnstyledButton>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <AddDerivativeForm detail={detail} onDone={() => setAdding(false)} />
      ) : (
        <Group>
          <Button variant="default" size="compact-sm" onClick={() => setAdding(true)}>
            {t('derivatives.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

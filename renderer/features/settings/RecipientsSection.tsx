/**
 * The recipients address book: list with fingerprints, add (the core checks the key and says what is wrong), remove.
 */
import { Alert, Badge, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/queries';

type Kind = 'organisation' | 'person';

function AddRecipientForm({ disabled }: { disabled: boolean }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const add = useApiMutation('settings:recipient-add');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('organisation');
  const [key, setKey] = useState('');
  const [notes, setNotes] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    add.mutate(
      { name, kind, ageRecipient: key, ...(notes.trim() === '' ? {} : { notes }) },
      {
        onSuccess: () => {
          setName('');
          setKey('');
          setNotes('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('recipients.addTitle')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('recipients.addTitle')}
        </Title>
        <TextInput
          label={t('recipients.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <NativeSelect
          label={t('recipients.kindLabel')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Kind)}
          data={[
            { value: 'organisation', label: t('recipients.kind.organisation') },
            { value: 'person', label: t('recipients.kind.person') },
          ]}
        />
        <TextInput
          label={t('recipients.key')}
          description={t('recipients.keyHint')}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          required
          spellCheck={false}
          autoComplete="off"
          ff="monospace"
          error={add.isError ? add.error.message : undefined}
        />
        <Textarea
          label={t('recipients.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          rows={3}
        />
        {add.isSuccess && (
          <Alert color="green" role="status">
            {t('recipients.added', { name: add.data.name })}
          </Alert>
        )}
        <div>
          <Button type="submit" loading={add.isPending} disabled={disabled || name.trim() === '' || key.trim() === ''}>
            {t('recipients.add')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/** The address book. */
export function RecipientsSection({ recovery }: { recovery: boolean }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const list = useApiQuery('settings:recipients', {});
  const remove = useApiMutation('settings:recipient-remove');
  const rows = list.data ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('recipients.title')}
      </Title>
      <Text size="sm">{t('recipients.explain')}</Text>
      {list.isSuccess && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('recipients.empty')}
        </Text>
      )}
      <ul className="settings-list" aria-label={t('recipients.listLabel')}>
        {rows.map((r) => (
          <li key={r.id} className="settings-row">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={0} miw={0}>
                <Group gap="xs">
                  <Text fw={600}>{r.name}</Text>
                  <Badge variant="default">{t(`recipients.kind.${r.kind}`)}</Badge>
                </Group>
                <Text size="xs" ff="monospace" className="settings-key">
                  {r.ageRecipient}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {t('recipients.fingerprint', { fingerprint: r.fingerprint })}
                </Text>
                {r.notes !== '' && <Text size="xs">{r.notes}</Text>}
              </Stack>
              <Button variant="subtle" color="red" onClick={() => remove.mutate({ id: r.id })} disabled={recovery}>
                {t('recipients.remove', { name: r.name })}
              </Button>
            </Group>
          </li>
        ))}
      </ul>
      {remove.isError && (
        <Alert color="red" role="alert">
          {remove.error.message}
        </Alert>
      )}
      <AddRecipientForm disabled={recovery} />
    </Stack>
  );
}

/** Edits a person's consent: may be named, may be shared with, when and how it was given. */
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/queries';
import { ConsentFields, consentDateOk, type ConsentDraft } from './ConsentFields';
import { joinList, splitList, type PersonEntry } from './people-form';

/** The consent dialog for `person`, mounted only while open. */
export function ConsentModal({ person, onClose }: { person: PersonEntry; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation('common');
  const c = person.consent;
  const [draft, setDraft] = useState<ConsentDraft>({
    named: c.named,
    shareWith: joinList(c.shareWith),
    date: c.date ?? '',
    method: c.method ?? '',
  });
  const update = useApiMutation('people:update');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const next = {
      named: draft.named,
      shareWith: splitList(draft.shareWith),
      date: draft.date.trim() || null,
      method: draft.method.trim() || null,
    };
    if (JSON.stringify(next) === JSON.stringify(c)) return onClose();
    if (await update.mutateAsync({ id: person.id, changes: { consent: next } }).catch(() => null)) onClose();
  };

  const title = t('form.consentTitle', { code: person.code });
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      lockScroll={false}
      size="lg"
      closeButtonProps={{ 'aria-label': tc('close') }}
    >
      <form onSubmit={(event) => void submit(event)} aria-label={title}>
        <Stack>
          <ConsentFields value={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
          {update.error !== null && (
            <Alert color="red" role="alert" title={t('form.notSaved')}>
              {update.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!consentDateOk(draft)}>
              {tc('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Edits a person's own fields. The full record (contact details included) is
 * read only while this dialog is open and is not kept in the query cache
 * afterwards: contact details are the most sensitive thing a vault holds.
 */
import { Alert, Button, Group, Loader, Modal, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/queries';
import { request, type ApiError } from '../../api/vigil';
import { PersonFields } from './PersonFields';
import { changesOf, draftOf, type PersonDraft, type PersonRecord } from './people-form';

function EditForm({ record, onClose }: { record: PersonRecord; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation('common');
  const [draft, setDraft] = useState<PersonDraft>(() => draftOf(record));
  const update = useApiMutation('people:update');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const changes = changesOf(record, draft);
    if (Object.keys(changes).length === 0) return onClose();
    if (await update.mutateAsync({ id: record.id, changes }).catch(() => null)) onClose();
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('form.editTitle', { code: record.code })}>
      <Stack>
        <PersonFields value={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} codeRequired />
        {update.error !== null && (
          <Alert color="red" role="alert" title={t('form.notSaved')}>
            {update.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {tc('cancel')}
          </Button>
          <Button
            type="submit"
            loading={update.isPending}
            disabled={draft.name.trim() === '' || draft.code.trim() === ''}
          >
            {tc('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The edit dialog for the person `id` (shown by `code` until loaded). */
export function EditPersonModal({
  id,
  code,
  onClose,
}: {
  id: string;
  code: string;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation('common');
  // gcTime 0: the record leaves the cache as soon as the dialog closes.
  const record = useQuery<PersonRecord, ApiError>({
    queryKey: ['people:get', { id }],
    queryFn: () => request('people:get', { id }),
    gcTime: 0,
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('form.editTitle', { code })}
      lockScroll={false}
      size="lg"
      closeButtonProps={{ 'aria-label': tc('close') }}
    >
      {record.isPending && <Loader aria-label={tc('loading')} />}
      {record.error && (
        <Alert color="red" role="alert">
          {record.error.message}
        </Alert>
      )}
      {record.data && <EditForm record={record.data} onClose={onClose} />}
    </Modal>
  );
}

/**
 * Edits a person's own fields. The full record (contact details included) is
 * read only while this dialog is open and is not kept in the query cache
 * afterwards: contact details are the most sensitive thing a vault holds.
 */
import { Alert, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm, DialogFrame } from '../../components/FormModal';
import { useApiMutation } from '../../api/queries';
import { request, type ApiError } from '../../api/vigil';
import { PersonFields } from './PersonFields';
import { changesOf, draftOf, type PersonDraft, type PersonRecord } from './people-form';

function EditForm({ record, onClose }: { record: PersonRecord; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation('common');
  const [draft, setDraft] = useState<PersonDraft>(() => draftOf(record));
  const update = useApiMutation('people:update');
  const submit = async (): Promise<void> => {
    const changes = changesOf(record, draft);
    if (Object.keys(changes).length === 0) return onClose();
    if (await update.mutateAsync({ id: record.id, changes }).catch(() => null)) onClose();
  };
  return (
    <DialogForm
      label={t('form.editTitle', { code: record.code })}
      onSubmit={submit}
      onCancel={onClose}
      saving={update}
      errorTitle={t('form.notSaved')}
      submitLabel={tc('save')}
      canSubmit={draft.name.trim() !== '' && draft.code.trim() !== ''}
    >
      <PersonFields value={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} codeRequired />
    </DialogForm>
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
    <DialogFrame title={t('form.editTitle', { code })} onClose={onClose} size="lg">
      {record.isPending && <Loader role="status" aria-label={tc('loading')} />}
      {record.error && (
        <Alert color="red" role="alert">
          {record.error.message}
        </Alert>
      )}
      {record.data && <EditForm record={record.data} onClose={onClose} />}
    </DialogFrame>
  );
}

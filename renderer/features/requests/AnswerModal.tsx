/** Records the answer to a request: when it came (or when none was concluded), what kind, and a note. */
import { NativeSelect, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESPONSE_KINDS, type ResponseKind } from '../../../shared/domain';
import { FormModal } from '../../components/FormModal';
import { useApiMutation } from '../../api/queries';
import { PartialDateInput, partialDateOk } from '../timeline/form-bits';
import type { RequestRow } from './RequestsTable';

/** The answer dialog for one request, mounted only while open. */
export function AnswerModal({ row, onClose }: { row: RequestRow; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('requests');
  const [date, setDate] = useState(row.responseDate ?? '');
  const [response, setResponse] = useState<ResponseKind>(row.response ?? 'token');
  const [note, setNote] = useState(row.responseNote);
  const answer = useApiMutation('requests:answer');

  const submit = async (): Promise<void> => {
    if (
      await answer
        .mutateAsync({ id: row.id, date: date.trim(), response, ...(note.trim() ? { note } : {}) })
        .catch(() => null)
    )
      onClose();
  };

  return (
    <FormModal
      title={t('answerForm.title')}
      onClose={onClose}
      onSubmit={submit}
      saving={answer}
      errorTitle={t('answerForm.notSaved')}
      submitLabel={t('answerForm.save')}
      canSubmit={partialDateOk(date, false)}
    >
      <Text size="sm">{t('answerForm.which', { date: row.date, recipient: row.recipient })}</Text>
      <PartialDateInput label={t('answerForm.date')} value={date} onChange={setDate} required />
      <NativeSelect
        label={t('answerForm.kind')}
        value={response}
        onChange={(e) => setResponse(e.currentTarget.value as ResponseKind)}
        data={RESPONSE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
      />
      <Textarea
        label={t('answerForm.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={8}
      />
    </FormModal>
  );
}

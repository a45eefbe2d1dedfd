/** Records the answer to a request: when it came (or when none was concluded), what kind, and a note. */
import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESPONSE_KINDS, type ResponseKind } from '../../../shared/domain';
import { useApiMutation } from '../../api/queries';
import { FailureNotice, PartialDateInput, partialDateOk } from '../timeline/form-bits';
import type { RequestRow } from './RequestsTable';

/** The answer dialog for one request, mounted only while open. */
export function AnswerModal({ row, onClose }: { row: RequestRow; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('requests');
  const { t: tc } = useTranslation('common');
  const [date, setDate] = useState(row.responseDate ?? '');
  const [response, setResponse] = useState<ResponseKind>(row.response ?? 'token');
  const [note, setNote] = useState(row.responseNote);
  const answer = useApiMutation('requests:answer');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (
      await answer
        .mutateAsync({ id: row.id, date: date.trim(), response, ...(note.trim() ? { note } : {}) })
        .catch(() => null)
    )
      onClose();
  };

  return (
    // lockScroll off: the scroll lock injects a <style> element, which the CSP refuses.
    <Modal
      opened
      onClose={onClose}
      title={t('answerForm.title')}
      lockScroll={false}
      closeButtonProps={{ 'aria-label': tc('close') }}
    >
      <form onSubmit={(event) => void submit(event)} aria-label={t('answerForm.title')}>
        <Stack>
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
          <FailureNotice title={t('answerForm.notSaved')} message={answer.error?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={answer.isPending} disabled={!partialDateOk(date, false)}>
              {t('answerForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

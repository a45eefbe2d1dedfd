/** Records a new interview held by the acting member: with whom, when, how, in which language, and consent. */
import { Button, Checkbox, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERVIEW_MODES, type InterviewMode } from '../../../shared/domain';
import { useApiMutation } from '../../api/queries';
import { FailureNotice, PartialDateInput, partialDateOk, usePersonOptions } from '../timeline/form-bits';

/** The new-interview dialog, mounted only while open. */
export function NewInterviewModal({
  caseId,
  onClose,
  onCreated,
}: {
  caseId: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const { t: tc } = useTranslation('common');
  const people = usePersonOptions(caseId);
  const [personId, setPersonId] = useState('');
  const [date, setDate] = useState('');
  const [approx, setApprox] = useState(false);
  const [mode, setMode] = useState<InterviewMode>('in_person');
  const [language, setLanguage] = useState('');
  const [consent, setConsent] = useState(false);
  const [consentHow, setConsentHow] = useState('');
  const create = useApiMutation('interviews:create');
  const interviewee = personId || people[0]?.value || '';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const created = await create
      .mutateAsync({
        caseId,
        intervieweeId: interviewee,
        ...(date.trim() ? { date: date.trim(), dateApprox: approx } : {}),
        mode,
        ...(language.trim() ? { language: language.trim() } : {}),
        consent: { given: consent, ...(consent && consentHow.trim() ? { how: consentHow.trim() } : {}) },
      })
      .catch(() => null);
    if (created) onCreated(created.id);
  };

  return (
    // lockScroll off: the scroll lock injects a <style> element, which the CSP refuses.
    <Modal
      opened
      onClose={onClose}
      title={t('form.title')}
      lockScroll={false}
      size="lg"
      closeButtonProps={{ 'aria-label': tc('close') }}
    >
      <form onSubmit={(event) => void submit(event)} aria-label={t('form.title')}>
        <Stack>
          <NativeSelect
            label={t('form.interviewee')}
            value={interviewee}
            onChange={(e) => setPersonId(e.currentTarget.value)}
            data={people}
            required
          />
          <PartialDateInput label={t('form.date')} value={date} onChange={setDate} />
          <Checkbox label={t('form.approx')} checked={approx} onChange={(e) => setApprox(e.currentTarget.checked)} />
          <NativeSelect
            label={t('form.mode')}
            value={mode}
            onChange={(e) => setMode(e.currentTarget.value as InterviewMode)}
            data={INTERVIEW_MODES.map((m) => ({ value: m, label: t(`modes.${m}`) }))}
          />
          <TextInput
            label={t('form.language')}
            description={t('form.languageHint')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value)}
            maxLength={64}
          />
          <Checkbox label={t('form.consent')} checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
          {consent && (
            <TextInput
              label={t('form.consentHow')}
              value={consentHow}
              onChange={(e) => setConsentHow(e.currentTarget.value)}
            />
          )}
          <FailureNotice title={t('form.notSaved')} message={create.error?.message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('cancel')}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={interviewee === '' || !partialDateOk(date, true)}
            >
              {t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

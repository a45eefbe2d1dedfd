/** Records a new interview held by the acting member: with whom, when, how, in which language, and consent. */
import { Checkbox, NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERVIEW_MODES, type InterviewMode } from '../../../shared/domain';
import { FormModal } from '../../components/FormModal';
import { useApiMutation } from '../../api/queries';
import { PartialDateInput, partialDateOk, usePersonOptions } from '../timeline/form-bits';

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

  const submit = async (): Promise<void> => {
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
    <FormModal
      title={t('form.title')}
      onClose={onClose}
      size="lg"
      onSubmit={submit}
      saving={create}
      errorTitle={t('form.notSaved')}
      submitLabel={t('form.create')}
      canSubmit={interviewee !== '' && partialDateOk(date, true)}
    >
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
    </FormModal>
  );
}

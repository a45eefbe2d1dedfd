/** Records a request sent to the authorities: about whom, by whom, when, to whom, how, and what was asked. */
import { NativeSelect, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { useApiMutation } from '../../api/queries';
import { PartialDateInput, partialDateOk, usePersonOptions } from '../timeline/form-bits';

/** The add-a-request dialog, mounted only while open. */
export function AddRequestModal({ caseId, onClose }: { caseId: string; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('requests');
  const people = usePersonOptions(caseId);
  const [personId, setPersonId] = useState('');
  const [requesterId, setRequesterId] = useState('');
  const [date, setDate] = useState('');
  const [recipient, setRecipient] = useState('');
  const [channel, setChannel] = useState('');
  const [about, setAbout] = useState('');
  const add = useApiMutation('requests:add');
  const detainees = people.filter((p) => p.roles.includes('detainee'));
  const subject = personId || (detainees[0] ?? people[0])?.value || '';
  const valid = subject !== '' && partialDateOk(date, false) && recipient.trim() !== '';

  const submit = async (): Promise<void> => {
    const saved = await add
      .mutateAsync({
        caseId,
        personId: subject,
        ...(requesterId ? { requesterId } : {}),
        date: date.trim(),
        recipient: recipient.trim(),
        ...(channel.trim() ? { channel: channel.trim() } : {}),
        ...(about.trim() ? { about } : {}),
      })
      .catch(() => null);
    if (saved) onClose();
  };

  return (
    <FormModal
      title={t('form.addTitle')}
      onClose={onClose}
      size="lg"
      onSubmit={submit}
      saving={add}
      errorTitle={t('form.notSaved')}
      submitLabel={t('form.add')}
      canSubmit={valid}
    >
      <NativeSelect
        label={t('form.person')}
        value={subject}
        onChange={(e) => setPersonId(e.currentTarget.value)}
        data={people}
        required
      />
      <NativeSelect
        label={t('form.by')}
        value={requesterId}
        onChange={(e) => setRequesterId(e.currentTarget.value)}
        data={[{ value: '', label: t('form.byNobody') }, ...people]}
      />
      <PartialDateInput label={t('form.date')} value={date} onChange={setDate} required />
      <TextInput
        label={t('form.recipient')}
        value={recipient}
        onChange={(e) => setRecipient(e.currentTarget.value)}
        required
      />
      <TextInput
        label={t('form.channel')}
        description={t('form.channelHint')}
        value={channel}
        onChange={(e) => setChannel(e.currentTarget.value)}
      />
      <Textarea
        label={t('form.about')}
        value={about}
        onChange={(e) => setAbout(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={8}
      />
    </FormModal>
  );
}

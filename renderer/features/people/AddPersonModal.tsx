/** Adds a person to the case in a role, with their consent; the code is generated unless one is given. */
import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, type PersonRole } from '../../../shared/domain';
import { useApiMutation } from '../../api/queries';
import { FormModal } from '../../components/FormModal';
import { ConsentFields, consentDateOk, NO_CONSENT, type ConsentDraft } from './ConsentFields';
import { PersonFields } from './PersonFields';
import { splitList, type PersonDraft } from './people-form';

const EMPTY: PersonDraft = { name: '', code: '', aliases: '', contact: '', notes: '' };

/** The add-a-person dialog, mounted only while open. */
export function AddPersonModal({ caseId, onClose }: { caseId: string; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('people');
  const [person, setPerson] = useState<PersonDraft>(EMPTY);
  const [role, setRole] = useState<PersonRole>('witness');
  const [consent, setConsent] = useState<ConsentDraft>(NO_CONSENT);
  const add = useApiMutation('people:add');

  const submit = async (): Promise<void> => {
    const aliases = splitList(person.aliases);
    const saved = await add
      .mutateAsync({
        caseId,
        role,
        name: person.name,
        ...(person.code.trim() ? { code: person.code.trim() } : {}),
        ...(aliases.length ? { aliases } : {}),
        ...(person.contact ? { contact: person.contact } : {}),
        ...(person.notes ? { notes: person.notes } : {}),
        consent: {
          named: consent.named,
          shareWith: splitList(consent.shareWith),
          date: consent.date.trim() || null,
          method: consent.method.trim() || null,
        },
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
      canSubmit={person.name.trim() !== '' && consentDateOk(consent)}
    >
      <PersonFields value={person} onChange={(patch) => setPerson((p) => ({ ...p, ...patch }))} codeRequired={false} />
      <NativeSelect
        label={t('form.role')}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as PersonRole)}
        data={PERSON_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <ConsentFields value={consent} onChange={(patch) => setConsent((c) => ({ ...c, ...patch }))} />
    </FormModal>
  );
}

/** Gives a person another role in this case (a witness who is also a relative, say). */
import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, type PersonRole } from '../../../shared/domain';
import { FormModal } from '../../components/FormModal';
import { useApiMutation } from '../../api/queries';
import type { PersonEntry } from './people-form';

/** The add-a-role dialog for `person`, mounted only while open. */
export function AddRoleModal({
  caseId,
  person,
  onClose,
}: {
  caseId: string;
  person: PersonEntry;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('people');
  const free = PERSON_ROLES.filter((r) => !person.roles.includes(r));
  const [role, setRole] = useState<PersonRole | undefined>(free[0]);
  const add = useApiMutation('people:add-role');

  const submit = async (): Promise<void> => {
    if (role === undefined) return;
    if (await add.mutateAsync({ personId: person.id, caseId, role }).catch(() => null)) onClose();
  };

  const title = t('form.roleTitle', { code: person.code });
  return (
    <FormModal
      title={title}
      onClose={onClose}
      onSubmit={submit}
      saving={add}
      errorTitle={t('form.notSaved')}
      submitLabel={t('form.addRole')}
      canSubmit={role !== undefined}
    >
      <NativeSelect
        label={t('form.role')}
        value={role ?? ''}
        onChange={(e) => setRole(e.currentTarget.value as PersonRole)}
        data={free.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        data-autofocus
      />
    </FormModal>
  );
}

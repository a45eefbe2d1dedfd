/** Gives a person another role in this case (a witness who is also a relative, say). */
import { Alert, Button, Group, Modal, NativeSelect, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, type PersonRole } from '../../../shared/domain';
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
  const { t: tc } = useTranslation('common');
  const free = PERSON_ROLES.filter((r) => !person.roles.includes(r));
  const [role, setRole] = useState<PersonRole | undefined>(free[0]);
  const add = useApiMutation('people:add-role');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (role === undefined) return;
    if (await add.mutateAsync({ personId: person.id, caseId, role }).catch(() => null)) onClose();
  };

  const title = t('form.roleTitle', { code: person.code });
  return (
    <Modal opened onClose={onClose} title={title} lockScroll={false} closeButtonProps={{ 'aria-label': tc('close') }}>
      <form onSubmit={(event) => void submit(event)} aria-label={title}>
        <Stack>
          <NativeSelect
            label={t('form.role')}
            value={role ?? ''}
            onChange={(e) => setRole(e.currentTarget.value as PersonRole)}
            data={free.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-autofocus
          />
          {add.error !== null && (
            <Alert color="red" role="alert" title={t('form.notSaved')}>
              {add.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} disabled={role === undefined}>
              {t('form.addRole')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

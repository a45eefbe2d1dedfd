/** The vault's members: list, add (with their own passphrase and a strength meter), remove (after confirming). */
import { Alert, Badge, Button, Group, Modal, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { passphraseStrength } from '../unlock/strength';
import { PassphraseStrength } from './PassphraseStrength';

type Member = Res<'settings:members'>[number];

function AddMemberForm({ disabled }: { disabled: boolean }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const add = useApiMutation('settings:member-add');
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [yours, setYours] = useState('');
  const strength = useMemo(() => passphraseStrength(passphrase, [name]), [passphrase, name]);
  const ready = !disabled && name.trim() !== '' && strength.acceptable && yours !== '';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!ready) return;
    add.mutate(
      { name, passphrase, currentPassphrase: yours },
      {
        onSuccess: () => {
          setPassphrase('');
          setYours('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('members.addTitle')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('members.addTitle')}
        </Title>
        <TextInput label={t('members.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <PasswordInput
          label={t('members.theirPassphrase')}
          description={t('members.theirPassphraseHint')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          required
          autoComplete="new-password"
        />
        <PassphraseStrength strength={strength} empty={passphrase === ''} />
        <PasswordInput
          label={t('members.yourPassphrase')}
          value={yours}
          onChange={(e) => setYours(e.currentTarget.value)}
          required
          autoComplete="current-password"
        />
        {add.isError && (
          <Alert color="red" role="alert">
            {add.error.message}
          </Alert>
        )}
        {add.isSuccess && (
          <Alert color="green" role="status">
            {t('members.added', { name: add.variables.name, fingerprint: add.data.fingerprint })}
          </Alert>
        )}
        <div>
          <Button type="submit" loading={add.isPending} disabled={!ready}>
            {t('members.add')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function MemberRow({
  member,
  onRemove,
  disabled,
}: {
  member: Member;
  onRemove: () => void;
  disabled: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('settings');
  return (
    <li className="settings-row">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={0}>
          <Group gap="xs">
            <Text fw={600}>{member.name}</Text>
            {member.you && <Badge variant="default">{t('members.you')}</Badge>}
            {member.removedAt !== null && <Badge variant="default">{t('members.removed')}</Badge>}
          </Group>
          <Text size="xs" c="dimmed" ff="monospace">
            {t('members.fingerprint', { fingerprint: member.fingerprint })}
          </Text>
        </Stack>
        {!member.you && member.removedAt === null && (
          <Button variant="subtle" color="red" onClick={onRemove} disabled={disabled}>
            {t('members.remove', { name: member.name })}
          </Button>
        )}
      </Group>
    </li>
  );
}

/** Members of the vault. */
export function MembersSection({ recovery }: { recovery: boolean }): React.JSX.Element {
  const { t } = useTranslation(['settings', 'common']);
  const members = useApiQuery('settings:members', {});
  const remove = useApiMutation('settings:member-remove');
  const [removing, setRemoving] = useState<Member | null>(null);
  const confirmRemove = (): void => {
    if (removing === null) return;
    remove.mutate({ memberId: removing.id }, { onSettled: () => setRemoving(null) });
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('members.title')}
      </Title>
      <Text size="sm">{t('members.explain')}</Text>
      <ul className="settings-list" aria-label={t('members.listLabel')}>
        {(members.data ?? []).map((m) => (
          <MemberRow key={m.id} member={m} onRemove={() => setRemoving(m)} disabled={recovery} />
        ))}
      </ul>
      {remove.isError && (
        <Alert color="red" role="alert">
          {remove.error.message}
        </Alert>
      )}
      <AddMemberForm disabled={recovery} />
      <Modal
        className="settings-screen"
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('members.removeTitle', { name: removing?.name ?? '' })}
        // lockScroll off: the scroll lock injects a <style> element, which the CSP refuses.
        lockScroll={false}
        closeButtonProps={{ 'aria-label': t('common:close') }}
      >
        <Stack>
          <Text size="sm">{t('members.removeBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common:cancel')}
            </Button>
            <Button color="red" onClick={confirmRemove} loading={remove.isPending}>
              {t('members.removeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

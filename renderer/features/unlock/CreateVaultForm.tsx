/** Create a vault: folder, the first member's name, a passphrase with a strength meter. */
import { Alert, Button, PasswordInput, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import type { GrantedPath } from '../../../shared/contract';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { call } from '../../api/vigil';
import type { VaultState } from '../../app/session';
import { FolderField } from './FolderField';
import { passphraseStrength } from './strength';

const SCORE_COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

/** The create form; hands the recovery code and new state up once the vault exists. */
export function CreateVaultForm({
  onCreated,
}: {
  onCreated: (created: { recoveryCode: string; state: VaultState }) => void;
}): React.JSX.Element {
  const { t } = useTranslation('unlock');
  const [folder, setFolder] = useState<GrantedPath | null>(null);
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const strength = useMemo(
    () => passphraseStrength(passphrase, [name, folder?.name ?? '']),
    [passphrase, name, folder],
  );
  const mismatch = confirm !== '' && confirm !== passphrase;
  const ready = folder !== null && name.trim() !== '' && strength.acceptable && confirm === passphrase;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!ready || folder === null) return;
    setBusy(true);
    setError(null);
    const result = await call('vault:create', { folder: folder.grant, memberName: name, passphrase });
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setError(result.error);
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('createForm')}>
      <Stack>
        <FolderField value={folder} onChange={setFolder} create />
        <TextInput
          label={t('yourName')}
          description={t('yourNameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <PasswordInput
          label={t('newPassphrase')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          required
          autoComplete="new-password"
        />
        <div>
          <Progress
            value={passphrase === '' ? 0 : (strength.score + 1) * 20}
            color={SCORE_COLORS[strength.score]}
            aria-label={t('strength')}
          />
          <Text size="sm" mt={4} aria-live="polite">
            {passphrase === '' ? t('strengthHint') : t(`strengthScore.${strength.score}`)}
          </Text>
        </div>
        <PasswordInput
          label={t('confirmPassphrase')}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          required
          error={mismatch ? t('mismatch') : undefined}
          autoComplete="new-password"
        />
        {error !== null && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={!ready}>
          {t('create')}
        </Button>
      </Stack>
    </form>
  );
}

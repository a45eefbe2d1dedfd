/** Unlock with the passphrase, or with the recovery code when the passphrase is lost. */
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { GrantedPath } from '../../../shared/contract';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { call } from '../../api/vigil';
import type { VaultState } from '../../app/session';
import { FolderField } from './FolderField';

/** The unlock form. */
export function UnlockForm({ onUnlocked }: { onUnlocked: (state: VaultState) => void }): React.JSX.Element {
  const { t } = useTranslation('unlock');
  const [folder, setFolder] = useState<GrantedPath | null>(null);
  const [secret, setSecret] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  // The vault opened here last time is offered again (main grants it; the window never names a folder).
  useEffect(() => {
    let live = true;
    void call('vault:remembered', {}).then((result) => {
      if (live && result.ok && result.value.folder !== null) setFolder((chosen) => chosen ?? result.value.folder);
    });
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (folder === null) return;
    setBusy(true);
    setError(null);
    const result = await call(
      'vault:unlock',
      useRecovery ? { folder: folder.grant, recoveryCode: secret } : { folder: folder.grant, passphrase: secret },
    );
    setBusy(false);
    setSecret('');
    if (result.ok) onUnlocked(result.value);
    else setError(result.error);
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('unlockForm')}>
      <Stack>
        <FolderField value={folder} onChange={setFolder} create={false} />
        {useRecovery ? (
          <TextInput
            label={t('recoveryCode')}
            description={t('recoveryCodeHint')}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            required
            autoComplete="off"
            spellCheck={false}
          />
        ) : (
          <PasswordInput
            label={t('passphrase')}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            required
            autoComplete="current-password"
            data-autofocus
          />
        )}
        {error !== null && (
          <Alert
            color="red"
            role="alert"
            title={t(
              `errorTitle.${error.code === 'WRONG_PASSPHRASE' || error.code === 'VAULT_IN_USE' || error.code === 'VAULT_NOT_FOUND' ? error.code : 'other'}`,
            )}
          >
            {error.message}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={folder === null || secret === ''}>
          {t('unlock')}
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setSecret('');
            setError(null);
          }}
        >
          {useRecovery ? t('usePassphrase') : t('useRecoveryCode')}
        </Anchor>
      </Stack>
    </form>
  );
}

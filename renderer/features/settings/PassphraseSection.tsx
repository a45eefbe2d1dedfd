/** Change my passphrase; after a recovery-code unlock, set a new one (the current secret is then the recovery code). */
import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidateAfter } from '../../api/invalidation';
import { call } from '../../api/vigil';
import { useSession } from '../../app/session';
import { passphraseStrength } from '../unlock/strength';
import { PassphraseStrength } from './PassphraseStrength';

/** What the last attempt gave: the core's error, or the confirmation. */
function Outcome({
  error,
  done,
}: {
  error: string | null;
  done: 'changed' | 'rotated' | null;
}): React.JSX.Element | null {
  const { t } = useTranslation('settings');
  if (error !== null) {
    return (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    );
  }
  if (done === null) return null;
  return (
    <Alert color="green" role="status">
      {t(`passphrase.${done}`)}
    </Alert>
  );
}

/** The change-passphrase form. */
export function PassphraseSection({ recovery }: { recovery: boolean }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const client = useQueryClient();
  const { state, setUnlocked } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'changed' | 'rotated' | null>(null);
  const name = state?.unlocked === true ? state.member.name : '';
  const strength = useMemo(() => passphraseStrength(next, [name]), [next, name]);
  const mismatch = confirm !== '' && confirm !== next;
  const ready = current !== '' && strength.acceptable && confirm === next;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await call('settings:change-passphrase', { current, next });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setDone(result.value.rotated ? 'rotated' : 'changed');
    await invalidateAfter(client, 'settings:change-passphrase');
    // The session no longer needs a new passphrase: refresh it so the banner goes.
    const fresh = await call('vault:state', {});
    if (fresh.ok) setUnlocked(fresh.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('passphrase.title')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('passphrase.title')}
        </Title>
        <Text size="sm">{t('passphrase.explain')}</Text>
        <PasswordInput
          label={recovery ? t('passphrase.currentRecovery') : t('passphrase.current')}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          required
          autoComplete="current-password"
        />
        <PasswordInput
          label={t('passphrase.new')}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          required
          autoComplete="new-password"
        />
        <PassphraseStrength strength={strength} empty={next === ''} />
        <PasswordInput
          label={t('passphrase.confirm')}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          required
          autoComplete="new-password"
          error={mismatch ? t('passphrase.mismatch') : undefined}
        />
        <Outcome error={error} done={done} />
        <div>
          <Button type="submit" loading={busy} disabled={!ready}>
            {t('passphrase.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

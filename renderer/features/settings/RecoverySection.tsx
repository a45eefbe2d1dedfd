/** The recovery code: what it is, and replacing it when a printed copy was seen or lost. */
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidateAfter } from '../../api/invalidation';
import { call } from '../../api/vigil';
import { RecoveryCodeStep } from '../unlock/RecoveryCodeStep';

/** Asks for the current passphrase; on success hands the new code up. */
function ReplaceForm({
  onReplaced,
  onCancel,
}: {
  onReplaced: (code: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('settings');
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (current === '') return;
    setBusy(true);
    setError(null);
    const result = await call('settings:replace-recovery-code', { currentPassphrase: current });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setCurrent('');
    onReplaced(result.value.recoveryCode);
    await invalidateAfter(client, 'settings:replace-recovery-code');
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('recovery.formLabel')}>
      <Stack gap="sm">
        <Text size="sm">{t('recovery.replaceExplain')}</Text>
        <PasswordInput
          label={t('passphrase.current')}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          required
          autoComplete="current-password"
          data-autofocus
        />
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={current === ''}>
            {t('recovery.replaceConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The recovery section, with its replace dialog; the new code is shown once and then forgotten. */
export function RecoverySection({ recovery }: { recovery: boolean }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const close = (): void => {
    setOpen(false);
    setCode(null);
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('recovery.title')}
      </Title>
      <Text size="sm">{t('recovery.explain')}</Text>
      <Text size="sm">{t('recovery.advice')}</Text>
      {recovery && <Text size="sm">{t('recovery.afterRecovery')}</Text>}
      <div>
        <Button variant="default" disabled={recovery} onClick={() => setOpen(true)}>
          {t('recovery.replace')}
        </Button>
      </div>
      <Modal
        className="settings-screen"
        opened={open}
        // lockScroll off: the scroll lock injects a <style> element, which the CSP refuses.
        lockScroll={false}
        // Once the new code is shown, only "I have written it down" closes the dialog.
        onClose={code === null ? close : () => undefined}
        withCloseButton={code === null}
        closeButtonProps={{ 'aria-label': t('common:close') }}
        closeOnClickOutside={code === null}
        closeOnEscape={code === null}
        title={t('recovery.replaceTitle')}
        size="lg"
      >
        {code === null ? (
          <ReplaceForm onReplaced={setCode} onCancel={close} />
        ) : (
          <Stack gap="sm">
            <Alert color="orange" role="alert">
              {t('recovery.oldStops')}
            </Alert>
            <RecoveryCodeStep recoveryCode={code} onDone={close} />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** The locked window: open a vault (passphrase or recovery code) or create one. */
import { Alert, Center, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultState } from '../../app/session';
import { useSession } from '../../app/session';
import { CreateVaultForm } from './CreateVaultForm';
import { RecoveryCodeStep } from './RecoveryCodeStep';
import { UnlockForm } from './UnlockForm';

type Mode = 'unlock' | 'create';

/** Shown whenever no vault is open. */
export function UnlockScreen(): React.JSX.Element {
  const { t } = useTranslation('unlock');
  const { lockNotice, setUnlocked } = useSession();
  const [mode, setMode] = useState<Mode>('unlock');
  // After create: the recovery code is shown once before the workspace opens.
  const [created, setCreated] = useState<{ recoveryCode: string; state: VaultState } | null>(null);

  if (created !== null) {
    return (
      <Center mih="100vh" p="md">
        <Paper withBorder p="xl" maw={560} w="100%">
          <RecoveryCodeStep recoveryCode={created.recoveryCode} onDone={() => setUnlocked(created.state)} />
        </Paper>
      </Center>
    );
  }

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={520} w="100%" component="main">
        <Stack>
          <div>
            <Title order={1} size="h2">
              Vigil
            </Title>
            <Text c="dimmed" size="sm">
              {t('tagline')}
            </Text>
          </div>
          {lockNotice !== null && (
            <Alert variant="default" role="status">
              {t(`lockedBecause.${lockNotice}`)}
            </Alert>
          )}
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as Mode)}
            data={[
              { value: 'unlock', label: t('modeUnlock') },
              { value: 'create', label: t('modeCreate') },
            ]}
            aria-label={t('modeLabel')}
          />
          {mode === 'unlock' ? <UnlockForm onUnlocked={setUnlocked} /> : <CreateVaultForm onCreated={setCreated} />}
        </Stack>
      </Paper>
    </Center>
  );
}

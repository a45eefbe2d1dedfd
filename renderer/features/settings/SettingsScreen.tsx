/** Members and passphrases, recovery code, recipients, auto-lock time, language. */
import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { MembersSection } from './MembersSection';
import { PassphraseSection } from './PassphraseSection';
import { PreferencesSection } from './PreferencesSection';
import { RecipientsSection } from './RecipientsSection';
import { RecoverySection } from './RecoverySection';
import './settings.css';

/** Members and passphrases, recovery code, recipients, auto-lock time, language. */
export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation('settings');
  const { state } = useSession();
  const recovery = state?.unlocked === true && state.needsNewPassphrase;
  return (
    <Stack maw={760} className="settings-screen">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      {recovery && (
        <Alert color="orange" role="alert">
          <Text fw={700}>{t('recoveryBanner.title')}</Text>
          <Text size="sm">{t('recoveryBanner.body')}</Text>
        </Alert>
      )}
      <Paper withBorder p="md">
        <PassphraseSection recovery={recovery} />
      </Paper>
      <Paper withBorder p="md">
        <PreferencesSection />
      </Paper>
      <Paper withBorder p="md">
        <MembersSection recovery={recovery} />
      </Paper>
      <Paper withBorder p="md">
        <RecoverySection recovery={recovery} />
      </Paper>
      <Paper withBorder p="md">
        <RecipientsSection recovery={recovery} />
      </Paper>
    </Stack>
  );
}

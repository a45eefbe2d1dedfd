/** Settings of this computer: interface language (applied at once) and the auto-lock time. */
import { Alert, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AUTO_LOCK_DEFAULT_MINUTES } from '../../../shared/areas/settings.values';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { LANGUAGES, type LanguageCode } from '../../i18n';
import { applyLanguage } from './language';

// Offered auto-lock times in minutes: from one minute to eight hours (the core refuses anything else).
const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480];

/** Language and auto-lock. */
export function PreferencesSection(): React.JSX.Element {
  const { t, i18n } = useTranslation('settings');
  const settings = useApiQuery('settings:get', {});
  const update = useApiMutation('settings:update');
  const minutes = settings.data?.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES;
  const choices = AUTO_LOCK_CHOICES.includes(minutes)
    ? AUTO_LOCK_CHOICES
    : [...AUTO_LOCK_CHOICES, minutes].sort((a, b) => a - b);
  const label = (m: number): string =>
    m >= 60 && m % 60 === 0 ? t('prefs.hours', { count: m / 60 }) : t('prefs.minutes', { count: m });

  const changeLanguage = (code: LanguageCode): void => {
    update.mutate({ language: code }, { onSuccess: () => void applyLanguage(code) });
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('prefs.title')}
      </Title>
      <NativeSelect
        label={t('prefs.language')}
        value={settings.data?.language ?? i18n.language}
        onChange={(e) => changeLanguage(e.currentTarget.value as LanguageCode)}
        data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        disabled={settings.isPending}
      />
      <NativeSelect
        label={t('prefs.autoLock')}
        description={t('prefs.autoLockHint')}
        value={String(minutes)}
        onChange={(e) => update.mutate({ autoLockMinutes: Number(e.currentTarget.value) })}
        data={choices.map((m) => ({ value: String(m), label: label(m) }))}
        disabled={settings.isPending}
      />
      {update.isSuccess && (
        <Text size="sm" role="status">
          {t('prefs.saved')}
        </Text>
      )}
      {update.isError && (
        <Alert color="red" role="alert">
          {t('prefs.error', { message: update.error.message })}
        </Alert>
      )}
    </Stack>
  );
}

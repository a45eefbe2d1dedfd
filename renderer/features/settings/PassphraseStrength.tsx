/** The strength meter under a new passphrase (the same estimate the create form uses). */
import { Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Strength } from '../unlock/strength';

const SCORE_COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

/** Meter and words for `strength` of a passphrase (empty: a hint instead). */
export function PassphraseStrength({ strength, empty }: { strength: Strength; empty: boolean }): React.JSX.Element {
  const { t } = useTranslation('settings');
  return (
    <div>
      <Progress
        value={empty ? 0 : (strength.score + 1) * 20}
        color={SCORE_COLORS[strength.score]}
        aria-label={t('passphrase.strength')}
      />
      <Text size="sm" mt={4} aria-live="polite">
        {empty ? t('passphrase.strengthHint') : t(`passphrase.strengthScore.${strength.score}`)}
      </Text>
    </div>
  );
}

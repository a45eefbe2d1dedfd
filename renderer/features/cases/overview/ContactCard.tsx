/** Days without contact, as the core's incommunicado analysis counts them (the same figures as `vigil timeline`). */
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';

type Incommunicado = Res<'cases:overview'>['detainees'][number]['incommunicado'];

/** The days-without-contact card. */
export function ContactCard({ incommunicado }: { incommunicado: Incommunicado }): React.JSX.Element {
  const { t } = useTranslation('cases');
  const open = incommunicado.periods.find((p) => p.open);
  return (
    <Paper withBorder p="md" component="section" aria-label={t('overview.daysWithoutContact')}>
      <Stack gap="xs">
        <Title order={3} size="h5" c="dimmed">
          {t('overview.daysWithoutContact')}
        </Title>
        {open ? (
          <>
            <Text className="overview-figure" c="red.8" data-testid="days-without-contact">
              {open.days}
            </Text>
            <Text>{t('overview.lostSince', { date: open.start })}</Text>
            {open.approximate && (
              <Text size="sm">{t('overview.approxRange', { min: open.minDays, max: open.maxDays })}</Text>
            )}
          </>
        ) : (
          <>
            <Text className="overview-figure" data-testid="days-without-contact">
              0
            </Text>
            <Text>{incommunicado.periods.length === 0 ? t('overview.noPeriods') : t('overview.inContact')}</Text>
          </>
        )}
        {incommunicado.periods.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('overview.totals', {
              total: incommunicado.totalDays,
              longest: incommunicado.longestDays,
              periods: incommunicado.periods.length,
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

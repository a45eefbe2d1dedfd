/** Request register statistics of one detainee: sent, unanswered, answered, median days to an answer. */
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../shared/contract';

type RequestStats = Res<'cases:overview'>['detainees'][number]['requests'];

function Figure({ label, value }: { label: string; value: string }): React.JSX.Element {
  return (
    <Stack gap={0}>
      <Text className="overview-figure">{value}</Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** The request statistics card. */
export function RequestsCard({ stats }: { stats: RequestStats }): React.JSX.Element {
  const { t } = useTranslation('cases');
  return (
    <Paper withBorder p="md" component="section" aria-label={t('overview.requests')}>
      <Stack gap="xs">
        <Title order={3} size="h5" c="dimmed">
          {t('overview.requests')}
        </Title>
        {stats.sent === 0 ? (
          <Text c="dimmed">{t('overview.noRequests')}</Text>
        ) : (
          <Group gap="xl">
            <Figure label={t('overview.sent')} value={String(stats.sent)} />
            <Figure label={t('overview.unanswered')} value={String(stats.unanswered)} />
            <Figure
              label={t('overview.medianDays')}
              value={stats.medianResponseDays === null ? t('overview.none') : String(stats.medianResponseDays)}
            />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The case overview: the case itself, then per detainee their card, days without contact, the incommunicado chart and
 * request statistics.
 */
import '../cases/overview/overview.css';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiQuery } from '../../api/queries';
import { CaseFormModal } from '../cases/CaseFormModal';
import { CaseReportModal } from '../cases/overview/CaseReportModal';
import { ContactCard } from '../cases/overview/ContactCard';
import { DetaineeCard } from '../cases/overview/DetaineeCard';
import { IncommunicadoChart } from '../cases/overview/IncommunicadoChart';
import { ProvenanceCard } from '../cases/overview/ProvenanceCard';
import { RequestsCard } from '../cases/overview/RequestsCard';
import { statusColor } from '../cases/status';

type Overview = Res<'cases:overview'>;

function CaseHeader({ overview }: { overview: Overview }): React.JSX.Element {
  const { t } = useTranslation('cases');
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const c = overview.case;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('overview.caseSection')}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="sm">
            <Badge color={statusColor(c.status)} variant="dot">
              {t(`status.${c.status}`)}
            </Badge>
            {c.reference !== null && (
              <Text ff="monospace" size="sm">
                {c.reference}
              </Text>
            )}
          </Group>
          <Group gap="xs">
            <Button variant="default" size="compact-sm" onClick={() => setReporting(true)}>
              {t('overview.report')}
            </Button>
            <Button variant="default" size="compact-sm" onClick={() => setEditing(true)}>
              {t('overview.editCase')}
            </Button>
          </Group>
        </Group>
        {c.summary !== '' && <Text className="overview-summary">{c.summary}</Text>}
        <Text size="sm" c="dimmed">
          {(['people', 'items', 'interviews', 'events', 'requests'] as const)
            .map((k) => `${t(`counts.${k}`)} ${c.counts[k]}`)
            .join(' · ')}
        </Text>
      </Stack>
      {editing && <CaseFormModal existing={c} onClose={() => setEditing(false)} />}
      {reporting && <CaseReportModal caseId={c.id} onClose={() => setReporting(false)} />}
    </Paper>
  );
}

function DetaineeSection({
  detainee,
  overview,
}: {
  detainee: Overview['detainees'][number];
  overview: Overview;
}): React.JSX.Element {
  const { t } = useTranslation('cases');
  const events = overview.events.filter((e) => e.personId === detainee.person.id);
  return (
    <Stack gap="md">
      <div className="overview-cards">
        <DetaineeCard detainee={detainee} events={events} />
        <ContactCard incommunicado={detainee.incommunicado} />
        <RequestsCard stats={detainee.requests} />
      </div>
      <Paper withBorder p="md" component="section" aria-label={t('chart.title', { code: detainee.person.code })}>
        <Title order={3} size="h5" mb="xs">
          {t('chart.title', { code: detainee.person.code })}
        </Title>
        {events.length === 0 ? (
          <Text c="dimmed">{t('overview.noEvents')}</Text>
        ) : (
          <IncommunicadoChart events={events} periods={detainee.incommunicado.periods} asOf={overview.asOf} />
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t('chart.asOf', { date: overview.asOf })}
        </Text>
      </Paper>
    </Stack>
  );
}

/** The overview tab of a case. */
export function CaseOverview({ caseId }: { caseId: string }): React.JSX.Element {
  const { t } = useTranslation('cases');
  const overview = useApiQuery('cases:overview', { id: caseId });
  if (overview.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (overview.error) {
    return (
      <Alert color="red" role="alert" title={t('overview.loadFailed')}>
        {overview.error.message}
      </Alert>
    );
  }
  const data = overview.data;
  return (
    <Stack gap="lg">
      <CaseHeader overview={data} />
      <ProvenanceCard caseId={caseId} />
      {data.detainees.length === 0 ? (
        <Alert color="gray" title={t('overview.noDetaineeTitle')}>
          {t('overview.noDetainee')}
        </Alert>
      ) : (
        data.detainees.map((d) => <DetaineeSection key={d.person.id} detainee={d} overview={data} />)
      )}
    </Stack>
  );
}

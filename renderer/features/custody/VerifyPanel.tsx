/** Verify: runs the vault's verification as a task with progress and shows the report in plain words. */
import { Alert, Badge, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { newTaskId, onEvent, request, type ApiError } from '../../api/vigil';

type Report = Res<'custody:verify'>;
type Finding = Report['findings'][number];

// A shape as well as a colour, for readers who cannot tell red from green.
const SYMBOLS = { ok: '✓', note: '!', fail: '✗' } as const;

function FindingRow({ finding }: { finding: Finding }): React.JSX.Element {
  const { t } = useTranslation('custody');
  const state = finding.ok ? 'ok' : finding.warning === true ? 'note' : 'fail';
  const subject =
    finding.subject === undefined
      ? null
      : finding.subjectLabel === undefined
        ? finding.subject
        : `${finding.subjectLabel} (${finding.subject})`;
  return (
    <li className={`verdict${state === 'fail' ? ' verdict--failed' : state === 'note' ? ' verdict--note' : ''}`}>
      <Group gap="xs">
        <Badge variant="default" className={`verdict-badge--${state}`}>
          {SYMBOLS[state]} {t(`verify.${state}`)}
        </Badge>
        <Text fw={600} size="sm">
          {t(`verify.checks.${finding.check}`)}
        </Text>
      </Group>
      {subject !== null && <Text size="sm">{t('verify.subject', { subject })}</Text>}
      <Text size="sm" c="dimmed">
        {finding.detail}
      </Text>
    </li>
  );
}

function ReportView({ report }: { report: Report }): React.JSX.Element {
  const { t } = useTranslation('custody');
  return (
    <Stack gap="sm" aria-label={t('verify.reportLabel')} role="region">
      {/* No Alert title: its tinted colour is below WCAG AA contrast with withCssVariables off. */}
      <Alert color={report.ok ? 'green' : 'red'} role="status">
        <Text fw={700} size="sm">
          {t('verify.reportLabel')}
        </Text>
        <Text size="sm">
          {report.ok
            ? t('verify.allGood', { entries: report.entries, objects: report.objects.checked })
            : t('verify.failed')}
        </Text>
      </Alert>
      <Stack component="ul" gap="xs" className="custody-findings" p={0} m={0} style={{ listStyle: 'none' }}>
        {report.findings.map((f, i) => (
          <FindingRow key={`${f.check}-${f.subject ?? ''}-${i}`} finding={f} />
        ))}
      </Stack>
    </Stack>
  );
}

/** The Verify button, its progress and its report. */
export function VerifyPanel(): React.JSX.Element {
  const { t } = useTranslation('custody');
  const [taskId, setTaskId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (taskId === null) return undefined;
    return onEvent('task:progress', (p) => {
      if (p.taskId === taskId) setProgress({ done: p.done, total: p.total });
    });
  }, [taskId]);

  const start = async (): Promise<void> => {
    const id = newTaskId();
    setTaskId(id);
    setProgress(null);
    setReport(null);
    setError(null);
    try {
      setReport(await request('custody:verify', { taskId: id }));
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setTaskId(null);
    }
  };

  const running = taskId !== null;
  const percent = progress?.total ? (progress.done / progress.total) * 100 : 0;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('verify.title')}
      </Title>
      <Text size="sm">{t('verify.explain')}</Text>
      <Group>
        <Button onClick={() => void start()} loading={running}>
          {t('verify.start')}
        </Button>
      </Group>
      {running && (
        <Stack gap={4}>
          <Progress value={percent} aria-label={t('verify.progressLabel')} />
          <Text size="sm" aria-live="polite">
            {progress?.total
              ? t('verify.running', { done: progress.done, total: progress.total })
              : t('verify.runningUnknown')}
          </Text>
        </Stack>
      )}
      {error !== null && (
        <Alert color="red" role="alert">
          {t('verify.error', { message: error })}
        </Alert>
      )}
      {report !== null && <ReportView report={report} />}
    </Stack>
  );
}

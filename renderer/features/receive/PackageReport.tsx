/** A received package's verification report: the verdict, who signed it (fingerprints to compare), and every check. */
import { Alert, Badge, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { FactsTable } from '../../components/FactsTable';

type Report = Res<'packages:verify'>;
type Check = Report['checks'][number];

// A shape as well as a colour, for readers who cannot tell red from green.
const SYMBOLS = { ok: '✓', note: '!', fail: '✗' } as const;
const LABELS = { ok: 'report.passed', note: 'report.note', fail: 'report.failed' } as const;

function CheckRow({ check }: { check: Check }): React.JSX.Element {
  const { t } = useTranslation('receive');
  const state = !check.ok ? 'fail' : check.warning === true ? 'note' : 'ok';
  return (
    <li className={`verdict${state === 'fail' ? ' verdict--failed' : state === 'note' ? ' verdict--note' : ''}`}>
      <Group gap="xs">
        <Badge variant="default" className={`verdict-badge--${state}`}>
          {`${SYMBOLS[state]} ${t(LABELS[state])}`}
        </Badge>
        <Text fw={600} size="sm">
          {t(`checks.${check.check}`)}
        </Text>
      </Group>
      {check.subject !== undefined && <Text size="sm">{t('report.subject', { subject: check.subject })}</Text>}
      <Text size="sm" c="dimmed">
        {check.detail}
      </Text>
    </li>
  );
}

/**
 * The report; failed checks first, so a reader meets what is wrong before what is fine.
 * `next` (what to do now) sits right under the verdict, before the details.
 */
export function PackageReport({ report, next }: { report: Report; next?: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation('receive');
  const checks = [...report.checks.filter((c) => !c.ok), ...report.checks.filter((c) => c.ok)];
  const failed = report.checks.filter((c) => !c.ok).length;
  return (
    <Stack gap="sm" role="region" aria-label={t('report.label')}>
      <Alert color={report.ok ? 'green' : 'red'} role="status">
        <Text fw={700} size="sm">
          {report.ok ? t('report.okTitle') : t('report.failedTitle')}
        </Text>
        <Text size="sm">{report.ok ? t('report.okBody', { count: report.items }) : t('report.failedBody', { count: failed })}</Text>
      </Alert>
      {next}
      {report.packageId !== undefined && (
        <Text size="sm">
          {t('report.package')} <Code>{report.packageId}</Code>
        </Text>
      )}
      {report.signers.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('report.signers')}
          </Title>
          <Text size="sm">{t('report.signersHint')}</Text>
          <FactsTable
            label={t('report.signers')}
            rows={report.signers.map((s) => [
              s.name,
              <Code key={s.publicKey} className="receive-fingerprint">
                {s.fingerprint}
              </Code>,
            ])}
          />
        </>
      )}
      <Title order={3} size="h5">
        {t('report.checksTitle')}
      </Title>
      <Stack component="ul" gap="xs" p={0} m={0} className="receive-checks">
        {checks.map((c, i) => (
          <CheckRow key={`${c.check}-${c.subject ?? ''}-${i}`} check={c} />
        ))}
      </Stack>
    </Stack>
  );
}

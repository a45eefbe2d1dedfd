/** A received package's verification report: the verdict, who signed it (fingerprints to compare), and every check. */
import { Alert, Badge, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { FactsTable } from '../../components/FactsTable';
import { signersToConfirm, type SignerVerdict } from './signer-trust';
import { historyToAccept } from './history';
import { UpdateNotice } from './UpdateNotice';

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

/** A signer's fingerprint and, when the vault judged them, what it knows of them. */
function SignerCell({
  fingerprint,
  verdict,
}: {
  fingerprint: string;
  verdict: SignerVerdict | undefined;
}): React.JSX.Element {
  const { t } = useTranslation('receive');
  return (
    <>
      <Code className="receive-fingerprint">{fingerprint}</Code>
      {verdict !== undefined && (
        <Text size="xs" c="dimmed">
          {t(`trust.${verdict.status}`, { name: verdict.addressBookName ?? verdict.name })}
        </Text>
      )}
    </>
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
  // Intact, but signed by someone to confirm first: neither a pass nor a refusal.
  const verdict = report.ok
    ? 'ok'
    : signersToConfirm(report) !== null
      ? 'signer'
      : historyToAccept(report)
        ? 'history'
        : 'failed';
  const alert = {
    ok: { color: 'green', title: t('report.okTitle'), body: t('report.okBody', { count: report.items }) },
    signer: { color: 'yellow', title: t('report.signerTitle'), body: t('report.signerBody', { count: report.items }) },
    history: { color: 'red', title: t('report.historyTitle'), body: t('report.historyBody', { count: report.items }) },
    failed: { color: 'red', title: t('report.failedTitle'), body: t('report.failedBody', { count: failed }) },
  }[verdict];
  return (
    <Stack gap="sm" role="region" aria-label={t('report.label')}>
      <Alert color={alert.color} role="status">
        <Text fw={700} size="sm">
          {alert.title}
        </Text>
        <Text size="sm">{alert.body}</Text>
      </Alert>
      {next}
      <UpdateNotice report={report} />
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
              <SignerCell
                key={s.publicKey}
                fingerprint={s.fingerprint}
                verdict={report.signerTrust?.find((v) => v.publicKey === s.publicKey)}
              />,
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

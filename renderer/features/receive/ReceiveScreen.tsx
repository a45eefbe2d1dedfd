/**
 * Receiving a package: choose the .tar.age file sent to this member, check it (nothing of it
 * is written to disk), read the report, and only when every check passed, import its case
 * into the vault. Both steps show their progress and can be cancelled.
 */
import './receive.css';
import { Alert, Button, Code, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantedPath, Res } from '../../../shared/contract';
import { useTaskRun, type TaskRun, type TaskRunner } from '../../api/task-run';
import { request } from '../../api/vigil';
import { useRouter } from '../../app/router';
import { FactsTable } from '../../components/FactsTable';
import { TabHeader } from '../../components/TabHeader';
import { TaskOutcome } from '../../components/TaskOutcome';
import { TaskProgress } from '../../components/TaskProgress';
import { formatBytes } from '../../../shared/format';
import { ConfirmSigner } from './ConfirmSigner';
import { PackageReport } from './PackageReport';
import { signersToConfirm } from './signer-trust';
import { historyToAccept } from './history';
import { AcceptHistory, HistoryStatus } from './PackageHistory';

/** A running check or import, in bytes of the package read. */
function PackageReadProgress({
  run,
  label,
  onCancel,
}: {
  run: Extract<TaskRun<unknown>, { phase: 'running' }>;
  label: string;
  onCancel: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('receive');
  const status =
    run.total === null
      ? t('progress.starting')
      : t('progress.read', {
          done: formatBytes(run.done, i18n.language),
          total: formatBytes(run.total, i18n.language),
        });
  return (
    <TaskProgress
      done={run.done}
      total={run.total}
      label={label}
      status={status}
      cancelLabel={t('progress.cancel')}
      onCancel={onCancel}
    />
  );
}

function ImportResult({ result }: { result: Res<'packages:import'> }): React.JSX.Element {
  const { t } = useTranslation('receive');
  const { navigate } = useRouter();
  const rows: [string, number][] = [
    [t('result.items'), result.items],
    [t('result.people'), result.people],
    [t('result.transcripts'), result.transcripts],
    [t('result.events'), result.events],
    [t('result.requests'), result.requests],
  ];
  return (
    <Stack gap="sm">
      <Alert color="green" role="status">
        <Text fw={700} size="sm">
          {t('result.title')}
        </Text>
        <Text size="sm">
          {result.updateOf === null ? t('result.body') : t('result.updateBody', { id: result.updateOf })}
        </Text>
      </Alert>
      <FactsTable label={t('result.tableLabel')} rows={rows} />
      <Group>
        <Button onClick={() => navigate({ screen: 'case', caseId: result.caseId, tab: 'overview' })}>
          {t('result.open')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Under the verdict: why nothing can be imported, the signer to confirm first, or the import
 * with its progress, outcome and result.
 */
function NextStep({
  report,
  source,
  bringIn,
  busy,
}: {
  report: Res<'packages:verify'>;
  source: PackageSource | null;
  bringIn: TaskRunner<'packages:import'>;
  busy: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('receive');
  const toConfirm = signersToConfirm(report);
  const toAccept = historyToAccept(report);
  if (!report.ok && toConfirm === null && !toAccept) {
    return (
      <Stack gap="xs">
        <HistoryStatus report={report} />
        <Text size="sm">{t('refused')}</Text>
      </Stack>
    );
  }
  if (bringIn.run.phase === 'done') return <ImportResult result={bringIn.run.result} />;
  const start = (trustSigners?: string[], acceptRewrittenHistory = false): void => {
    if (source !== null)
      void bringIn.start({
        ...source,
        ...(trustSigners === undefined ? {} : { trustSigners }),
        ...(acceptRewrittenHistory ? { acceptRewrittenHistory } : {}),
      });
  };
  return (
    <Stack gap="xs">
      <HistoryStatus report={report} />
      {toConfirm === null && !toAccept && (
        <Text size="sm">{report.handover?.updateOf === undefined ? t('importHint') : t('importHintUpdate')}</Text>
      )}
      {bringIn.run.phase === 'running' ? (
        <PackageReadProgress run={bringIn.run} label={t('progress.importing')} onCancel={bringIn.cancel} />
      ) : toAccept ? (
        <AcceptHistory busy={busy} onAccept={() => start(undefined, true)} />
      ) : toConfirm !== null ? (
        <ConfirmSigner signers={toConfirm} busy={busy} onConfirm={start} />
      ) : (
        <Group>
          <Button onClick={() => start()} disabled={busy}>
            {t('import')}
          </Button>
        </Group>
      )}
      <TaskOutcome run={bringIn.run} cancelledText={t('cancelled')} failedTitle={t('importFailed')} />
    </Stack>
  );
}

/** The package file's grant, and its passphrase when the sender sealed it with one. */
type PackageSource = { file: string; passphrase?: string };

/** The receive screen. */
export function ReceiveScreen({ initialFile = null }: { initialFile?: GrantedPath | null }): React.JSX.Element {
  const { t } = useTranslation('receive');
  const [file, setFile] = useState<GrantedPath | null>(initialFile);
  const [passphrase, setPassphrase] = useState('');
  const check = useTaskRun('packages:verify');
  const bringIn = useTaskRun('packages:import');
  const busy = check.run.phase === 'running' || bringIn.run.phase === 'running';
  const report = check.run.phase === 'done' ? check.run.result : null;
  const source: PackageSource | null =
    file === null ? null : { file: file.grant, ...(passphrase === '' ? {} : { passphrase }) };
  // A check spends the file's grant and answers with a fresh one for the same file: the import (or another check) uses
  // that.
  useEffect(() => {
    if (report !== null) setFile(report.importGrant);
  }, [report]);

  // A report belongs to one file opened one way: a new choice starts again.
  const startOver = (): void => {
    check.reset();
    bringIn.reset();
  };
  const choose = async (): Promise<void> => {
    const { files } = await request('dialog:open-files', {
      title: t('chooseTitle'),
      multiple: false,
      filters: [{ name: t('filterName'), extensions: ['age'] }],
    });
    const [chosen] = files;
    if (chosen === undefined) return;
    setFile(chosen);
    startOver();
  };

  return (
    <Stack className="receive-screen">
      <TabHeader order={1} title={t('title')} intro={t('intro')} />
      <Group>
        <Button variant="default" onClick={() => void choose()} disabled={busy}>
          {t('choose')}
        </Button>
        {file === null ? <Text size="sm">{t('noFile')}</Text> : <Code className="receive-path">{file.label}</Code>}
      </Group>
      <PasswordInput
        className="receive-passphrase"
        label={t('passphrase.label')}
        description={t('passphrase.hint')}
        value={passphrase}
        disabled={busy}
        autoComplete="off"
        onChange={(e) => {
          setPassphrase(e.currentTarget.value);
          startOver();
        }}
      />
      {check.run.phase === 'running' ? (
        <PackageReadProgress run={check.run} label={t('progress.checking')} onCancel={check.cancel} />
      ) : (
        bringIn.run.phase === 'idle' && (
          <Group>
            <Button
              variant={report === null ? 'filled' : 'default'}
              onClick={() => source !== null && void check.start(source)}
              disabled={source === null || busy}
            >
              {t('check')}
            </Button>
          </Group>
        )
      )}
      <TaskOutcome run={check.run} cancelledText={t('cancelled')} failedTitle={t('checkFailed')} />
      {report !== null && (
        <PackageReport
          report={report}
          next={<NextStep report={report} source={source} bringIn={bringIn} busy={busy} />}
        />
      )}
    </Stack>
  );
}

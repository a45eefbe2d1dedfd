/** Step 5: where to save the package, then the export with its progress and a Cancel button. */
import { Alert, Button, Code, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/vigil';
import type { Res } from '../../../shared/contract';
import type { TaskRun } from '../../api/task-run';

type ExportRun = TaskRun<Res<'packages:export'>>;
import { formatBytes } from './wizard-state';

interface RunStepProps {
  output: string | null;
  defaultName: string;
  run: ExportRun;
  onOutput: (path: string) => void;
  onStart: () => void;
  onCancel: () => void;
}

function RunProgress({ run, onCancel }: { run: Extract<ExportRun, { phase: 'running' }>; onCancel: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const percent = run.total === null || run.total === 0 ? 0 : Math.min(100, (run.done / run.total) * 100);
  return (
    <Stack gap="xs">
      <Progress value={percent} animated aria-label={t('run.progress')} />
      <Group justify="space-between">
        <Text size="sm" aria-live="polite">
          {run.total === null ? t('run.starting') : t('run.sealed', { done: formatBytes(run.done, i18n.language), total: formatBytes(run.total, i18n.language) })}
        </Text>
        <Button variant="default" onClick={onCancel}>
          {t('run.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The run step. */
export function RunStep({ output, defaultName, run, onOutput, onStart, onCancel }: RunStepProps): React.JSX.Element {
  const { t } = useTranslation('export');
  const choose = async (): Promise<void> => {
    const { path } = await request('dialog:save-file', { title: t('run.saveTitle'), defaultName });
    if (path !== null) onOutput(path);
  };
  const running = run.phase === 'running';
  return (
    <Stack>
      <Text>{t('run.where')}</Text>
      <Group>
        <Button variant="default" onClick={() => void choose()} disabled={running}>
          {t('run.chooseFile')}
        </Button>
        {output === null ? <Text size="sm">{t('run.noFile')}</Text> : <Code>{output}</Code>}
      </Group>
      {run.phase === 'cancelled' && (
        <Alert color="yellow" role="status">
          {t('run.cancelled')}
        </Alert>
      )}
      {run.phase === 'failed' && (
        <Alert color="red" role="alert" title={t('run.failed')}>
          {run.error.message}
        </Alert>
      )}
      {run.phase === 'running' ? (
        <RunProgress run={run} onCancel={onCancel} />
      ) : (
        <Group>
          <Button onClick={onStart} disabled={output === null}>
            {t('run.export')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Step 5: where to save the package, then the export with its progress and a Cancel button. */
import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/vigil';
import { TaskOutcome } from '../../components/TaskOutcome';
import { TaskProgress } from '../../components/TaskProgress';
import type { GrantedPath, Res } from '../../../shared/contract';
import type { TaskRun } from '../../api/task-run';

type ExportRun = TaskRun<Res<'packages:export'>>;
import { formatBytes } from '../../../shared/format';

interface RunStepProps {
  output: GrantedPath | null;
  defaultName: string;
  run: ExportRun;
  onOutput: (file: GrantedPath) => void;
  onStart: () => void;
  onCancel: () => void;
}

function RunProgress({
  run,
  onCancel,
}: {
  run: Extract<ExportRun, { phase: 'running' }>;
  onCancel: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('export');
  const status =
    run.total === null
      ? t('run.starting')
      : t('run.sealed', { done: formatBytes(run.done, i18n.language), total: formatBytes(run.total, i18n.language) });
  return (
    <TaskProgress
      done={run.done}
      total={run.total}
      label={t('run.progress')}
      status={status}
      cancelLabel={t('run.cancel')}
      onCancel={onCancel}
    />
  );
}

/** The run step. */
export function RunStep({ output, defaultName, run, onOutput, onStart, onCancel }: RunStepProps): React.JSX.Element {
  const { t } = useTranslation('export');
  const choose = async (): Promise<void> => {
    const { file } = await request('dialog:save-file', { title: t('run.saveTitle'), defaultName });
    if (file !== null) onOutput(file);
  };
  const running = run.phase === 'running';
  return (
    <Stack>
      <Text>{t('run.where')}</Text>
      <Group>
        <Button variant="default" onClick={() => void choose()} disabled={running}>
          {t('run.chooseFile')}
        </Button>
        {output === null ? <Text size="sm">{t('run.noFile')}</Text> : <Code>{output.label}</Code>}
      </Group>
      <TaskOutcome run={run} cancelledText={t('run.cancelled')} failedTitle={t('run.failed')} />
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

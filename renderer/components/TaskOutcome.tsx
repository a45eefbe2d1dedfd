/** How a task ended when it did not succeed: cancelled (nothing kept) or failed, with the core's message. */
import { Alert } from '@mantine/core';
import type { TaskRun } from '../api/task-run';

/** Nothing while the task is idle, running or done. */
export function TaskOutcome({
  run,
  cancelledText,
  failedTitle,
}: {
  run: TaskRun<unknown>;
  cancelledText: string;
  failedTitle: string;
}): React.JSX.Element | null {
  if (run.phase === 'cancelled') {
    return (
      <Alert color="yellow" role="status">
        {cancelledText}
      </Alert>
    );
  }
  if (run.phase === 'failed') {
    return (
      <Alert color="red" role="alert" title={failedTitle}>
        {run.error.message}
      </Alert>
    );
  }
  return null;
}

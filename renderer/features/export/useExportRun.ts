/** Runs the export as a task: progress from task:progress, cancel through task:cancel. */
import { useCallback, useEffect, useState } from 'react';
import type { Req, Res } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { call, newTaskId, onEvent } from '../../api/vigil';

/** Where the run is. */
export type ExportRun =
  | { phase: 'idle' }
  | { phase: 'running'; taskId: string; done: number; total: number | null }
  | { phase: 'cancelled' }
  | { phase: 'failed'; error: ErrorInfo }
  | { phase: 'done'; result: Res<'packages:export'> };

/** The run's state, a start function (the request without its task id) and cancel. */
export function useExportRun(): { run: ExportRun; start: (req: Omit<Req<'packages:export'>, 'taskId'>) => Promise<void>; cancel: () => void; reset: () => void } {
  const [run, setRun] = useState<ExportRun>({ phase: 'idle' });
  const taskId = run.phase === 'running' ? run.taskId : null;

  useEffect(() => {
    if (taskId === null) return undefined;
    return onEvent('task:progress', (p) => {
      if (p.taskId !== taskId) return;
      setRun((r) => (r.phase === 'running' && r.taskId === taskId ? { ...r, done: p.done, total: p.total } : r));
    });
  }, [taskId]);

  const start = useCallback(async (req: Omit<Req<'packages:export'>, 'taskId'>) => {
    const id = newTaskId();
    setRun({ phase: 'running', taskId: id, done: 0, total: null });
    const result = await call('packages:export', { ...req, taskId: id });
    if (result.ok) setRun({ phase: 'done', result: result.value });
    else if (result.error.code === 'CANCELLED') setRun({ phase: 'cancelled' });
    else setRun({ phase: 'failed', error: result.error });
  }, []);

  const cancel = useCallback(() => {
    if (taskId !== null) void call('task:cancel', { taskId });
  }, [taskId]);
  const reset = useCallback(() => setRun({ phase: 'idle' }), []);
  return { run, start, cancel, reset };
}

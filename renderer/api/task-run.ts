/**
 * Runs a request as a long task: progress from task:progress, cancel through task:cancel, and
 * when it ends (however it ends: a failed batch may have stored the ones before) the reads the
 * channel changes are refreshed (api/invalidation.ts).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { Channel } from '../../shared/channels';
import type { Req, Res } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import { invalidateAfter } from './invalidation';
import { call, newTaskId, onEvent } from './vigil';

/** The channels whose requests run as tasks (they carry a task id). */
type TaskChannel = { [C in Channel]: Req<C> extends { taskId: string } ? C : never }[Channel];

/** Where a task is. While running: bytes or steps done of total, what it is on, and whether a cancel was asked. */
export type TaskRun<T> =
  | { phase: 'idle' }
  | {
      phase: 'running';
      taskId: string;
      done: number;
      total: number | null;
      label?: string | undefined;
      cancelling: boolean;
    }
  | { phase: 'cancelled' }
  | { phase: 'failed'; error: ErrorInfo }
  | { phase: 'done'; result: T };

/** What useTaskRun gives: the run's state, start (the request without its task id), cancel and reset. */
export interface TaskRunner<C extends TaskChannel> {
  run: TaskRun<Res<C>>;
  /** Starts the task; a start while one runs is ignored. */
  start: (req: Omit<Req<C>, 'taskId'>) => Promise<void>;
  cancel: () => void;
  reset: () => void;
}

/** Runs `channel` as a task and follows its progress. */
export function useTaskRun<C extends TaskChannel>(channel: C): TaskRunner<C> {
  const client = useQueryClient();
  const [run, setRun] = useState<TaskRun<Res<C>>>({ phase: 'idle' });
  const taskId = run.phase === 'running' ? run.taskId : null;

  useEffect(() => {
    if (taskId === null) return undefined;
    return onEvent('task:progress', (p) => {
      if (p.taskId !== taskId) return;
      setRun((r) =>
        r.phase === 'running' && r.taskId === taskId ? { ...r, done: p.done, total: p.total, label: p.label } : r,
      );
    });
  }, [taskId]);

  const start = useCallback(
    async (req: Omit<Req<C>, 'taskId'>) => {
      if (taskId !== null) return;
      const id = newTaskId();
      setRun({ phase: 'running', taskId: id, done: 0, total: null, cancelling: false });
      // The task id is the only field start adds; the rest is the caller's request as typed.
      const result = await call(channel, { ...req, taskId: id } as Req<C>);
      if (result.ok) setRun({ phase: 'done', result: result.value });
      else if (result.error.code === 'CANCELLED') setRun({ phase: 'cancelled' });
      else setRun({ phase: 'failed', error: result.error });
      await invalidateAfter(client, channel);
    },
    [channel, client, taskId],
  );

  const cancel = useCallback(() => {
    if (taskId === null) return;
    setRun((r) => (r.phase === 'running' ? { ...r, cancelling: true } : r));
    void call('task:cancel', { taskId });
  }, [taskId]);
  const reset = useCallback(() => setRun({ phase: 'idle' }), []);
  return { run, start, cancel, reset };
}

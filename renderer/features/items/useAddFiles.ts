/**
 * Adding files as one task (api/task-run.ts), in the terms the items screen shows: the running
 * add's progress, and how the last one ended until it is dismissed.
 */
import type { Res } from '../../../shared/contract';
import { useTaskRun, type TaskRun } from '../../api/task-run';

/** Progress of the running add. */
export interface AddProgressState {
  done: number;
  total: number | null;
  label?: string | undefined;
  cancelling: boolean;
}

/** How the last add ended. */
export type AddOutcome =
  | { kind: 'added'; items: Res<'items:add-files'>['items'] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

function outcomeOf(run: TaskRun<Res<'items:add-files'>>): AddOutcome | null {
  switch (run.phase) {
    case 'done':
      return { kind: 'added', items: run.result.items };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'failed':
      return { kind: 'failed', message: run.error.message };
    default:
      return null;
  }
}

/** Add, cancel, the running task's progress, and the last outcome. */
export function useAddFiles(caseId: string): {
  progress: AddProgressState | null;
  outcome: AddOutcome | null;
  /** Adds the granted files (grants from the open dialog or a drop). */
  add(grants: string[]): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
} {
  const { run, start, cancel, reset } = useTaskRun('items:add-files');
  const progress =
    run.phase === 'running' ? { done: run.done, total: run.total, label: run.label, cancelling: run.cancelling } : null;
  return {
    progress,
    outcome: outcomeOf(run),
    add: async (grants) => {
      if (grants.length > 0) await start({ caseId, files: grants });
    },
    cancel: async () => cancel(),
    dismiss: reset,
  };
}

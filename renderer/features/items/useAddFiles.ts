/**
 * Adding files as one task: asks the core, follows task:progress for this
 * task, can cancel it, and refreshes the lists when it ends.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Res } from '../../../shared/contract';
import { call, newTaskId, onEvent } from '../../api/vigil';

/** Progress of the running add. */
export interface AddProgressState {
  done: number;
  total: number | null;
  label?: string | undefined;
  cancelling: boolean;
}

/** How the last add ended. */
export type AddOutcome = { kind: 'added'; items: Res<'items:add-files'>['items'] } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

/** Add, cancel, the running task's progress, and the last outcome. */
export function useAddFiles(caseId: string): {
  progress: AddProgressState | null;
  outcome: AddOutcome | null;
  /** Adds the granted files (grants from the open dialog or a drop). */
  add(grants: string[]): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
} {
  const client = useQueryClient();
  const taskRef = useRef<string | null>(null);
  const [progress, setProgress] = useState<AddProgressState | null>(null);
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);

  useEffect(
    () =>
      onEvent('task:progress', (p) => {
        if (p.taskId !== taskRef.current) return;
        setProgress((prev) => ({ done: p.done, total: p.total, label: p.label, cancelling: prev?.cancelling ?? false }));
      }),
    [],
  );

  const add = useCallback(
    async (grants: string[]) => {
      if (grants.length === 0 || taskRef.current !== null) return;
      const taskId = newTaskId();
      taskRef.current = taskId;
      setOutcome(null);
      setProgress({ done: 0, total: null, cancelling: false });
      const result = await call('items:add-files', { caseId, files: grants, taskId });
      taskRef.current = null;
      setProgress(null);
      if (result.ok) setOutcome({ kind: 'added', items: result.value.items });
      else if (result.error.code === 'CANCELLED') setOutcome({ kind: 'cancelled' });
      else setOutcome({ kind: 'failed', message: result.error.message });
      // Files of finished batches may be stored even when a later one failed: always refresh.
      await Promise.all(['items:list', 'cases:get', 'cases:list'].map((name) => client.invalidateQueries({ queryKey: [name] })));
    },
    [caseId, client],
  );

  const cancel = useCallback(async () => {
    const taskId = taskRef.current;
    if (taskId === null) return;
    setProgress((prev) => (prev ? { ...prev, cancelling: true } : prev));
    await call('task:cancel', { taskId });
  }, []);

  return { progress, outcome, add, cancel, dismiss: () => setOutcome(null) };
}

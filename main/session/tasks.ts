/**
 * Long operations started from the interface: each has an id chosen by the
 * renderer, an AbortSignal the core checks between chunks, and a throttled
 * progress callback, so a 1 GiB ingest reports often without flooding IPC.
 */
import { VigilError } from '../../shared/errors';

/** One progress report, as the task:progress event carries it. */
export interface TaskProgress {
  taskId: string;
  done: number;
  total: number | null;
  unit: 'bytes' | 'files' | 'entries' | 'objects' | 'steps';
  label?: string;
}

/** What a running task gets: a signal to check and a function to report progress with. */
export interface TaskContext {
  signal: AbortSignal;
  report(done: number, total: number | null, label?: string): void;
}

/** Minimum time between two progress reports of one task (the first and last are always sent). */
export const PROGRESS_INTERVAL_MS = 100;

/** Runs tasks and routes cancel requests to them. */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (progress: TaskProgress) => void) {}

  /** Runs `work` as task `taskId`; a second task with a running id is refused. */
  async run<T>(taskId: string, unit: TaskProgress['unit'], work: (ctx: TaskContext) => Promise<T>): Promise<T> {
    if (this.running.has(taskId)) throw new VigilError('INVALID_INPUT', 'A task with this id is already running.');
    const controller = new AbortController();
    this.running.set(taskId, controller);
    let lastSent = 0;
    const report = (done: number, total: number | null, label?: string): void => {
      const now = Date.now();
      const finished = total !== null && done >= total;
      if (!finished && now - lastSent < PROGRESS_INTERVAL_MS && lastSent !== 0) return;
      lastSent = now;
      this.emit({ taskId, done, total, unit, ...(label === undefined ? {} : { label }) });
    };
    try {
      return await work({ signal: controller.signal, report });
    } finally {
      this.running.delete(taskId);
    }
  }

  /** Asks task `taskId` to stop; false when it is not running. */
  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    if (controller === undefined) return false;
    controller.abort();
    return true;
  }

  /** Cancels every running task (on lock: nothing may keep using the vault). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

/** Throws CANCELLED when the signal has fired; the core calls this between chunks or files. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new VigilError('CANCELLED', 'The operation was cancelled. Nothing from the unfinished step was kept.');
}

import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, TaskRegistry, throwIfCancelled, type TaskProgress } from '../../../main/session/tasks';

describe('session/tasks/TaskRegistry', () => {
  it('throttles progress but always sends the first and the last report', async () => {
    const sent: TaskProgress[] = [];
    const tasks = new TaskRegistry((p) => sent.push(p));
    await tasks.run('task-0001', 'bytes', async ({ report }) => {
      for (let done = 0; done <= 1000; done += 1) report(done, 1000);
    });
    expect(sent[0]).toMatchObject({ taskId: 'task-0001', done: 0, total: 1000, unit: 'bytes' });
    expect(sent.at(-1)).toMatchObject({ done: 1000, total: 1000 });
    // A tight loop takes far less than PROGRESS_INTERVAL_MS: only the first and the final report get through.
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(PROGRESS_INTERVAL_MS).toBeGreaterThan(0);
  });

  it('cancel aborts the running task, which sees its signal and stops with CANCELLED', async () => {
    const tasks = new TaskRegistry(() => undefined);
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (release = resolve));
    const running = tasks.run('task-0002', 'files', async ({ signal }) => {
      release();
      await new Promise((resolve) => setTimeout(resolve, 20));
      throwIfCancelled(signal);
      return 'finished';
    });
    await started;
    expect(tasks.cancel('task-0002')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tasks.cancel('task-0002')).toBe(false);
  });

  it('refuses a second task with the id of a running one, and frees the id afterwards', async () => {
    const tasks = new TaskRegistry(() => undefined);
    let finish: () => void = () => undefined;
    const first = tasks.run('task-0003', 'steps', () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(tasks.run('task-0003', 'steps', async () => undefined)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    finish();
    await first;
    await expect(tasks.run('task-0003', 'steps', async () => 'again')).resolves.toBe('again');
  });

  it('cancelAll aborts every running task', async () => {
    const tasks = new TaskRegistry(() => undefined);
    const signals: AbortSignal[] = [];
    const hold = (ctxSignal: AbortSignal) =>
      new Promise<void>((resolve) => ctxSignal.addEventListener('abort', () => resolve()));
    const a = tasks.run('task-000a', 'bytes', ({ signal }) => (signals.push(signal), hold(signal)));
    const b = tasks.run('task-000b', 'bytes', ({ signal }) => (signals.push(signal), hold(signal)));
    tasks.cancelAll();
    await Promise.all([a, b]);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });
});

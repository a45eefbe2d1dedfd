import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTO_LOCK_CHECK_MS, AutoLock, idleTime } from '../../../main/session/auto-lock';
import type { LockReason } from '../../../main/session/vault-session';

/** A session stand-in with a controllable last-activity time. */
function fakeSession(now: () => number) {
  let unlocked = true;
  let last = now();
  const locks: LockReason[] = [];
  return {
    locks,
    touch: () => (last = now()),
    state: () => (unlocked ? ({ unlocked: true } as never) : { unlocked: false as const }),
    idleMs: (at = now()) => at - last,
    lock: vi.fn(async (reason: LockReason) => {
      if (!unlocked) return;
      unlocked = false;
      locks.push(reason);
    }),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session/auto-lock/idleTime', () => {
  it('is the shorter of request idleness and input idleness', () => {
    expect(idleTime(60_000, null)).toBe(60_000);
    expect(idleTime(60_000, 5_000)).toBe(5_000);
    expect(idleTime(1_000, 5_000)).toBe(1_000);
  });
});

describe('session/auto-lock/AutoLock', () => {
  it('locks with reason idle once the limit passes with no request, and cancels tasks first', async () => {
    const session = fakeSession(Date.now);
    const order: string[] = [];
    const tasks = { cancelAll: vi.fn(() => order.push('cancel')) };
    session.lock.mockImplementationOnce(async (reason) => {
      order.push(`lock:${reason}`);
      session.locks.push(reason);
    });
    const auto = new AutoLock({ session, tasks, limitMinutes: () => 10 });
    auto.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000 - AUTO_LOCK_CHECK_MS);
    expect(session.lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(AUTO_LOCK_CHECK_MS);
    expect(order).toEqual(['cancel', 'lock:idle']);
    auto.stop();
  });

  it('does not lock while requests keep coming', async () => {
    const session = fakeSession(Date.now);
    const auto = new AutoLock({ session, tasks: { cancelAll: vi.fn() }, limitMinutes: () => 1 });
    auto.start();
    for (let i = 0; i < 10; i += 1) {
      await vi.advanceTimersByTimeAsync(30_000);
      session.touch();
    }
    expect(session.lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(75_000);
    expect(session.locks).toEqual(['idle']);
    auto.stop();
  });

  it('counts recent input as activity even with no request', async () => {
    const session = fakeSession(Date.now);
    let inputIdle = 0;
    const auto = new AutoLock({
      session,
      tasks: { cancelAll: vi.fn() },
      limitMinutes: () => 1,
      inputIdleMs: () => inputIdle,
    });
    auto.start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(session.lock).not.toHaveBeenCalled();
    inputIdle = 61_000;
    await vi.advanceTimersByTimeAsync(AUTO_LOCK_CHECK_MS);
    expect(session.locks).toEqual(['idle']);
    auto.stop();
  });

  it('reads the limit at every check and never idle-locks when it is 0', async () => {
    const session = fakeSession(Date.now);
    let minutes = 0;
    const auto = new AutoLock({ session, tasks: { cancelAll: vi.fn() }, limitMinutes: () => minutes });
    auto.start();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(session.lock).not.toHaveBeenCalled();
    minutes = 30;
    await vi.advanceTimersByTimeAsync(AUTO_LOCK_CHECK_MS);
    expect(session.locks).toEqual(['idle']);
    auto.stop();
  });

  it('locks at once for suspend and screen lock, only once, and not when already locked', async () => {
    const session = fakeSession(Date.now);
    const tasks = { cancelAll: vi.fn() };
    const auto = new AutoLock({ session, tasks, limitMinutes: () => 10 });
    await Promise.all([auto.lock('suspend'), auto.lock('screen-lock')]);
    expect(session.locks).toEqual(['suspend']);
    expect(session.lock).toHaveBeenCalledTimes(1);
    await auto.lock('screen-lock');
    expect(session.lock).toHaveBeenCalledTimes(1);
    expect(await auto.check()).toBe(false);
  });

  it('stop() ends the checks', async () => {
    const session = fakeSession(Date.now);
    const auto = new AutoLock({ session, tasks: { cancelAll: vi.fn() }, limitMinutes: () => 1 });
    auto.start();
    auto.start();
    auto.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(session.lock).not.toHaveBeenCalled();
  });
});

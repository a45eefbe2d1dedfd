import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autoLockMinutes, installAutoLock } from '../../../main/app/auto-lock';
import type { AppServices } from '../../../main/ipc/services';
import { DEFAULT_AUTO_LOCK_MINUTES } from '../../../main/session/auto-lock';
import type { LockReason } from '../../../main/session/vault-session';
import { fakeWebContents } from './fakes';

type Handler = (...args: unknown[]) => unknown;

/** Services with a session stand-in (unlocked until locked) and recorded task cancels. */
function fakeServices() {
  let unlocked = true;
  let last = Date.now();
  const locks: LockReason[] = [];
  const session = {
    state: () => (unlocked ? { unlocked: true } : { unlocked: false }),
    idleMs: (now = Date.now()) => now - last,
    touch: vi.fn(() => (last = Date.now())),
    lock: vi.fn(async (reason: LockReason) => {
      if (unlocked) locks.push(reason);
      unlocked = false;
    }),
  };
  const tasks = { cancelAll: vi.fn() };
  const settings = { current: () => ({ autoLockMinutes: 10, language: 'en', lastVaultDir: null }) };
  return { services: { session, tasks, settings } as unknown as AppServices, session, tasks, locks };
}

/** powerMonitor and app stand-ins that record listeners. */
function fakeShell(systemIdleSeconds: () => number, focused: () => boolean) {
  const power = new Map<string, Handler>();
  const app = new Map<string, Handler>();
  const window = { isDestroyed: () => false, isFocused: focused, webContents: fakeWebContents() };
  return {
    power,
    app,
    window,
    shell: {
      app: { on: vi.fn((event: string, h: Handler) => app.set(event, h)) },
      powerMonitor: {
        on: vi.fn((event: string, h: Handler) => power.set(event, h)),
        getSystemIdleTime: vi.fn(systemIdleSeconds),
      },
      getWindow: () => window,
    } as never,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('app/auto-lock/installAutoLock', () => {
  it('locks on system suspend with reason suspend, cancelling tasks', async () => {
    const f = fakeServices();
    const s = fakeShell(
      () => 0,
      () => true,
    );
    const auto = installAutoLock(f.services, s.shell);
    s.power.get('suspend')?.();
    await vi.waitFor(() => expect(f.locks).toEqual(['suspend']));
    expect(f.tasks.cancelAll).toHaveBeenCalled();
    auto.stop();
  });

  it('locks on screen lock with reason screen-lock', async () => {
    const f = fakeServices();
    const s = fakeShell(
      () => 0,
      () => true,
    );
    const auto = installAutoLock(f.services, s.shell);
    s.power.get('lock-screen')?.();
    await vi.waitFor(() => expect(f.locks).toEqual(['screen-lock']));
    auto.stop();
  });

  it('keeps the vault open while the focused window sees input, and locks after the limit without it', async () => {
    const f = fakeServices();
    let idleSeconds = 0;
    const s = fakeShell(
      () => idleSeconds,
      () => true,
    );
    const auto = installAutoLock(f.services, s.shell, () => 10);
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(f.locks).toEqual([]);
    idleSeconds = 10 * 60;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(f.locks).toEqual(['idle']);
    auto.stop();
  });

  it('does not count input in other programs (window not focused)', async () => {
    const f = fakeServices();
    const s = fakeShell(
      () => 0,
      () => false,
    );
    const auto = installAutoLock(f.services, s.shell, () => 10);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(f.locks).toEqual(['idle']);
    expect(s.shell).toBeDefined();
    auto.stop();
  });

  it('counts key presses in a new window as activity, and stops checking on quit', async () => {
    const f = fakeServices();
    const s = fakeShell(
      () => 0,
      () => false,
    );
    const auto = installAutoLock(f.services, s.shell, () => 10);
    s.app.get('browser-window-created')?.({}, s.window);
    s.window.webContents.fire('before-input-event', { type: 'keyDown' });
    expect(f.session.touch).toHaveBeenCalled();
    s.app.get('before-quit')?.();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(f.locks).toEqual([]);
    auto.stop();
  });
});

describe('app/auto-lock/autoLockMinutes', () => {
  it('reads the limit from the settings at every call', () => {
    let minutes = 5;
    const read = autoLockMinutes({ settings: { current: () => ({ autoLockMinutes: minutes }) } } as never);
    expect(read()).toBe(5);
    minutes = 30;
    expect(read()).toBe(30);
  });

  it('falls back to the default (10 minutes) when the settings cannot be read', () => {
    const read = autoLockMinutes({
      settings: {
        current: () => {
          throw new Error('unreadable');
        },
      },
    } as never);
    expect(read()).toBe(DEFAULT_AUTO_LOCK_MINUTES);
    expect(DEFAULT_AUTO_LOCK_MINUTES).toBe(10);
  });
});

/**
 * The idle lock: a session with no request and no input for the configured
 * time is locked, and so is every session when the system suspends or the
 * screen locks. Plain logic over injected clocks and idle sources, so the
 * shell (main/app) wires it to Electron and tests drive it with fake timers.
 */
import { AUTO_LOCK_DEFAULT_MINUTES } from '../../shared/areas/settings.contract';
import type { TaskRegistry } from './tasks';
import type { LockReason, VaultSession } from './vault-session';

/** The idle time before locking when the person has not chosen one. */
export const DEFAULT_AUTO_LOCK_MINUTES = AUTO_LOCK_DEFAULT_MINUTES;

/** How often the idle time is checked: the lock comes at most this late. */
export const AUTO_LOCK_CHECK_MS = 15_000;

/** What the auto-lock watches and acts on. */
interface AutoLockOptions {
  session: Pick<VaultSession, 'state' | 'idleMs' | 'lock'>;
  tasks: Pick<TaskRegistry, 'cancelAll'>;
  /** The idle limit in minutes; 0 or less turns the idle lock off (suspend and screen lock still lock). */
  limitMinutes: () => number;
  /**
   * Milliseconds since the last input the window counts as its own, or null when
   * none can be known (the shell gives the system idle time while the window has focus).
   */
  inputIdleMs?: () => number | null;
  /** The clock; Date.now by default. */
  now?: () => number;
  /** How often to check; AUTO_LOCK_CHECK_MS by default. */
  checkEveryMs?: number;
}

/** The lock reasons the auto-lock gives (the user's own lock and quitting go elsewhere). */
type AutoLockReason = Extract<LockReason, 'idle' | 'suspend' | 'screen-lock'>;

/** Milliseconds of inactivity: the shorter of "since the last request" and "since the last input". */
export function idleTime(sessionIdleMs: number, inputIdleMs: number | null): number {
  return inputIdleMs === null ? sessionIdleMs : Math.min(sessionIdleMs, inputIdleMs);
}

/** Watches for idleness and locks; start() once, stop() on quit. */
export class AutoLock {
  private timer: ReturnType<typeof setInterval> | null = null;
  private locking: Promise<void> | null = null;

  constructor(private readonly options: AutoLockOptions) {}

  /** Starts the periodic check (idempotent). */
  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? AUTO_LOCK_CHECK_MS);
    // The check must never keep the process alive on its own.
    this.timer.unref?.();
  }

  /** Stops the periodic check. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Locks if the session has been idle for the limit; true when it locked. */
  async check(): Promise<boolean> {
    if (!this.options.session.state().unlocked) return false;
    const minutes = this.options.limitMinutes();
    if (!(minutes > 0)) return false;
    const now = (this.options.now ?? Date.now)();
    const idle = idleTime(this.options.session.idleMs(now), this.options.inputIdleMs?.() ?? null);
    if (idle < minutes * 60_000) return false;
    await this.lock('idle');
    return true;
  }

  /** Cancels every running task, then locks with `reason` (harmless when already locked). */
  async lock(reason: AutoLockReason): Promise<void> {
    if (this.locking !== null) return this.locking;
    if (!this.options.session.state().unlocked) return;
    // Tasks first: an export or ingest must stop using the vault before its keys are dropped.
    this.options.tasks.cancelAll();
    this.locking = this.options.session.lock(reason).finally(() => {
      this.locking = null;
    });
    return this.locking;
  }
}

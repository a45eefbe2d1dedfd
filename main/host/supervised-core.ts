/**
 * The hosted core, kept running (docs/DESIGN.md §1, "The core host"). If the
 * host process dies on its own (a crash in a native library, the system's
 * out-of-memory killer), a new one is started with the same setup and the
 * window is told its vault was locked: the keys lived in the dead process, and
 * everything it had acknowledged is on disk (issue "crash anywhere"). A host
 * that keeps dying is given up on, so a broken install does not loop.
 */
import type { Result } from '../../shared/contract';
import type { LockReason } from '../session/vault-session';
import { HostedCore, type MainSide } from './core-client';
import type { HostPort } from './port';
import type { HostInit } from './protocol';

/** A started host process: its port, and a way to end it. */
export interface HostProcess {
  port: HostPort;
  kill(): void;
}

/** How the supervisor starts hosts and what it tells the main role. */
export interface SupervisorOptions {
  /** Starts one host process (utilityProcess in the app, child_process.fork under Node). */
  spawn: () => HostProcess;
  init: HostInit;
  main: MainSide;
  /** The host died more often than `maxRestarts` within `windowMs`, or could not be started again. */
  onGiveUp: () => void;
  /** How many restarts are allowed within `windowMs` (default 3 in a minute). */
  maxRestarts?: number;
  windowMs?: number;
  /** How long a host may take to answer its setup before it counts as failed (default 20 s). */
  startTimeoutMs?: number;
}

/** A media answer, as HostedCore gives it. */
type MediaReply = Awaited<ReturnType<HostedCore['media']>>;

const DEFAULT_MAX_RESTARTS = 3;
const DEFAULT_WINDOW_MS = 60_000;
const DEFAULT_START_TIMEOUT_MS = 20_000;

/** A host that did not answer its setup in time. */
export class HostStartTimeout extends Error {
  constructor(ms: number) {
    super(`The part of Vigil that holds the vault did not start within ${ms / 1000} s.`);
    this.name = 'HostStartTimeout';
  }
}

/** Sends `init` to a freshly spawned host; kills it if it fails or does not answer in time. */
async function startOne(o: SupervisorOptions): Promise<{ core: HostedCore; proc: HostProcess }> {
  const proc = o.spawn();
  const core = new HostedCore(proc.port, o.main);
  const ms = o.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HostStartTimeout(ms)), ms);
  });
  try {
    await Promise.race([core.start(o.init), timeout]);
    return { core, proc };
  } catch (error) {
    proc.kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The core host as main uses it, restarted if it dies; every call goes to the host running now. */
export class SupervisedCore {
  private current: Promise<HostedCore>;
  private proc: HostProcess | null = null;
  private stopped = false;
  private restarts: number[] = [];
  private restartListeners: (() => void)[] = [];

  private constructor(
    private readonly o: SupervisorOptions,
    first: { core: HostedCore; proc: HostProcess },
  ) {
    this.current = Promise.resolve(first.core);
    this.adopt(first);
  }

  /** Starts the first host; rejects (with nothing left running) if it cannot be started. */
  static async start(o: SupervisorOptions): Promise<SupervisedCore> {
    return new SupervisedCore(o, await startOne(o));
  }

  /** Called after each restart, once the new host is ready (tests, diagnostics). */
  onRestart(fn: () => void): void {
    this.restartListeners.push(fn);
  }

  call(channel: unknown, raw: unknown): Promise<Result<unknown>> {
    return this.current.then((core) => core.call(channel, raw));
  }

  callPreload(channel: string, raw: unknown): Promise<Result<unknown>> {
    return this.current.then((core) => core.callPreload(channel, raw));
  }

  lock(reason: LockReason): Promise<void> {
    return this.current.then((core) => core.lock(reason));
  }

  arrive(file: string): Promise<void> {
    return this.current.then((core) => core.arrive(file));
  }

  touch(): void {
    void this.current.then((core) => core.touch());
  }

  reportInputIdle(idleMs: number | null): void {
    void this.current.then((core) => core.reportInputIdle(idleMs));
  }

  media(itemId: string, range: string | null, head: boolean): Promise<MediaReply> {
    return this.current.then((core) => core.media(itemId, range, head));
  }

  /** Quitting: no restart from now on; the host locks its vault (tasks first), waited for up to `waitMs`, then ends. */
  async lockAndStop(waitMs: number): Promise<void> {
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([this.lock('quit'), timeout]);
    clearTimeout(timer);
    this.proc?.kill();
  }

  private adopt(started: { core: HostedCore; proc: HostProcess }): void {
    this.proc = started.proc;
    started.core.onClose(() => {
      if (!this.stopped) this.restart(started.core);
    });
  }

  /** `dead` is the host that ended: until a new one is ready, calls wait; if none starts, `dead` answers them. */
  private restart(dead: HostedCore): void {
    const now = Date.now();
    const windowMs = this.o.windowMs ?? DEFAULT_WINDOW_MS;
    this.restarts = [...this.restarts.filter((t) => now - t < windowMs), now];
    if (this.restarts.length > (this.o.maxRestarts ?? DEFAULT_MAX_RESTARTS)) {
      this.giveUp();
      return;
    }
    const next = startOne(this.o);
    // A dead host's client answers every call with a clear error rather than hanging.
    this.current = next.then(
      (started) => started.core,
      () => dead,
    );
    void next.then(
      (started) => {
        if (this.stopped) {
          started.proc.kill();
          return;
        }
        this.adopt(started);
        // The keys were in the dead process: the window goes back to its unlock screen and says why.
        this.o.main.emit('vault:locked', { reason: 'host-restarted' });
        for (const fn of this.restartListeners) fn();
      },
      () => this.giveUp(),
    );
  }

  private giveUp(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.o.onGiveUp();
  }
}

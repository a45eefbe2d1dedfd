/**
 * The harness's main role over a hosted core (DESIGN §1, "The core host"): the
 * core runs in a forked child built from the app's own bundle (out/main/
 * core-host-entry.js), reached over the same protocol the app uses with its
 * utilityProcess. What stays here is what Electron main keeps: scripted
 * dialogs, a recorded clipboard, events sent to the page.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';
import { spawnForkedHost, type ForkedHostProcess } from '../../main/host/fork-host';
import { SupervisedCore } from '../../main/host/supervised-core';
import { forkLauncher } from '../../main/ingest/parser-process';
import type { LockReason } from '../../main/session/vault-session';
import { scriptedDialogs, type RecordedEvent, type ScriptedDialogs } from '../helpers/app-services';
import { fastKdf } from '../helpers/kdf';

const MAIN_BUNDLE_DIR = path.resolve(__dirname, '..', '..', 'out', 'main');

/** What a spec sees of a hosted core: main's parts, and the host reached only through the protocol. */
export interface HostedTestCore {
  dialogs: ScriptedDialogs;
  events: RecordedEvent[];
  clipboard: { text: string | null; clearAfterMs: number | null };
  /** The protocol's main-role end, restarting the host if it dies, as the app's. */
  host: SupervisedCore;
  /** The running host process's id (never this process's). */
  readonly pid: number | undefined;
  /** Kills the running host as a crash would (SIGKILL); resolves once its successor is ready. */
  crashHost(): Promise<void>;
  /** The settings file the host reads and writes. */
  settingsFile: string;
  /** Sends an event to the page as Electron main does (menu actions). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Locks the host's vault, as the menu, a suspend or quitting does. */
  lock(reason: LockReason): Promise<void>;
  /** Stops the host (it locks its vault) and removes its settings. */
  dispose(): Promise<void>;
}

/** Options of hostedTestCore. */
export interface HostedTestCoreOptions {
  onEvent: (name: EventName, payload: unknown) => void;
  mediaBase: string;
  realKdf?: boolean;
  /** Unexpected errors the host reported (the harness makes each a problem of the run). */
  onInternalError: (text: string) => void;
}

/** Forks a core host from the built main bundle and returns main's side of it. */
export async function hostedTestCore(opts: HostedTestCoreOptions): Promise<HostedTestCore> {
  if (!existsSync(path.join(MAIN_BUNDLE_DIR, 'core-host-entry.js')))
    throw new Error('out/main/core-host-entry.js is missing: run `npm run build` before the E2E tests.');
  const events: RecordedEvent[] = [];
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    events.push({ name, payload });
    opts.onEvent(name, payload);
  };
  const dialogs = scriptedDialogs();
  const clipboard: HostedTestCore['clipboard'] = { text: null, clearAfterMs: null };
  const settingsDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-settings-'));
  const settingsFile = path.join(settingsDir, 'settings.json');
  const spawned: ForkedHostProcess[] = [];
  const host = await SupervisedCore.start({
    spawn: () => {
      const started = spawnForkedHost(MAIN_BUNDLE_DIR);
      spawned.push(started);
      return started;
    },
    init: {
      appInfo: { name: 'Vigil', version: '0.0.0-test' },
      settingsFile,
      mediaBase: opts.mediaBase,
      validateResponse: true,
      errorLog: null,
      reportInternalErrors: true,
      kdf: opts.realKdf === true ? null : await fastKdf(),
      autoLock: false,
      // As the app does: the host's text extraction is started here, in the main role, and relayed.
      parsersFromMain: true,
    },
    main: {
      dialogs,
      writeSecretToClipboard: (text, clearAfterMs) => {
        clipboard.text = text;
        clipboard.clearAfterMs = clearAfterMs;
      },
      emit,
      parsers: forkLauncher,
      onInternalError: (channel, text) => opts.onInternalError(`internal error on ${channel}: ${text}`),
    },
    onGiveUp: () => opts.onInternalError('the core host kept dying and was given up on'),
  });
  const running = (): ForkedHostProcess | undefined => spawned[spawned.length - 1];
  return {
    dialogs,
    events,
    clipboard,
    host,
    get pid() {
      return running()?.child.pid;
    },
    crashHost: async () => {
      const child = running()?.child;
      if (child === undefined) throw new Error('no host is running');
      const restarted = new Promise<void>((resolve) => host.onRestart(resolve));
      child.kill('SIGKILL');
      await restarted;
    },
    settingsFile,
    emit,
    lock: (reason) => host.lock(reason),
    dispose: async () => {
      const child = running()?.child;
      const exited =
        child === undefined || child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await host.lockAndStop(5000);
      await exited;
      rmSync(settingsDir, { recursive: true, force: true });
    },
  };
}

/**
 * The process that parses an untrusted file. Parsing (pdf.js, mammoth, exifr)
 * is where a hostile file would strike, so it runs in a process of its own:
 * it holds no key (it is started fresh, with an environment that carries none
 * of ours, e.g. VIGIL_PASSPHRASE), its heap is capped, and the caller kills it
 * when it overruns its time or memory. Two ways to start one, behind one
 * interface: under Node (the CLI, the tests) `child_process.fork`; inside
 * Electron a `utilityProcess`, because fork there runs the Electron binary as
 * Node through ELECTRON_RUN_AS_NODE, which the packaged app's fuses disable.
 * Electron's launcher lives in main/app (the core never imports electron) and
 * is registered at start-up.
 */
import { fork } from 'node:child_process';
import { VigilError } from '../../shared/errors';
import type { ChildEntry } from './worker-path';

/** A started parser process: it takes one request and answers once. */
interface ParserProcess {
  readonly pid: number | undefined;
  /** Sends the request (structured clone: the bytes travel as a Uint8Array). */
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** `signal` is known under fork only; a V8 heap overflow ends the process with SIGABRT (exit code 134). */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

/** What a parser process is started with. */
interface LaunchOptions {
  /** The V8 heap limit, --max-old-space-size. */
  maxOldSpaceMb: number;
  /** The whole environment of the process (see childEnvironment). */
  env: Record<string, string>;
}

/** Starts parser processes one way. */
export interface ParserLauncher {
  readonly kind: 'fork' | 'utility-process';
  launch(entry: ChildEntry, opts: LaunchOptions): ParserProcess;
}

/**
 * Environment variables a parser may need (locale, temp folder, and what Windows needs to start a process); nothing
 * else of ours.
 */
const PASSED_ENV = ['PATH', 'LANG', 'LC_ALL', 'TMPDIR', 'TMP', 'TEMP', 'SystemRoot', 'SYSTEMROOT', 'windir'];

/** The environment of a parser process: a few harmless variables of `env`, never secrets such as VIGIL_PASSPHRASE. */
export function childEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_ENV) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * child_process.fork: a Node process with its own heap limit, IPC with structured clone, output discarded (library
 * warnings must not reach the CLI).
 */
export const forkLauncher: ParserLauncher = {
  kind: 'fork',
  launch(entry, opts) {
    const child = fork(entry.script, [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${opts.maxOldSpaceMb}`],
      env: { ...opts.env, ...entry.env },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    // A request to a process that already died is answered by its exit, not by an error here.
    child.on('error', () => undefined);
    return {
      pid: child.pid,
      post: (message) => child.send(message as never),
      onMessage: (listener) => child.once('message', listener),
      onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  },
};

let registered: ParserLauncher | null = null;

/** Registers the launcher of the Electron main process (main/app, at start-up). */
export function registerParserLauncher(launcher: ParserLauncher): void {
  registered = launcher;
}

/**
 * The launcher for this runtime: the registered one if any (Electron main's utilityProcess, or a
 * core host's relay through main), else under Node child_process.fork. Inside Electron without
 * one, fork would need ELECTRON_RUN_AS_NODE, so that is refused rather than tried.
 */
export function selectParserLauncher(
  runtime: { electron: boolean; registered: ParserLauncher | null } = {
    electron: process.versions.electron !== undefined,
    registered,
  },
): ParserLauncher {
  if (runtime.registered) return runtime.registered;
  if (!runtime.electron) return forkLauncher;
  throw new VigilError(
    'INTERNAL',
    'No way to start the text-extraction process was set up in this Electron process; restart Vigil.',
  );
}

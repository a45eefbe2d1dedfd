/**
 * Starts the core host under plain Node (the E2E harness, the benchmark, the
 * tests): child_process.fork with structured-clone IPC and an environment that
 * carries only what a Node process needs (childEnvironment: never a passphrase).
 * The app starts it as a utilityProcess instead (main/app/core-host.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { VigilError } from '../../shared/errors';
import { childEnvironment } from '../ingest/parser-process';
import { findChildEntry, type ChildEntry } from '../ingest/worker-path';
import { HostedCore, type MainSide } from './core-client';
import { portOfChildProcess } from './port';
import type { HostInit } from './protocol';
import type { HostProcess } from './supervised-core';

/**
 * From the TypeScript sources, tsx loads the core as CommonJS, and canonicalize is an ES module exporting only an
 * `import` condition: this lets require() find it (Node 20.19+ then loads the ES module). Bundles have it built in.
 */
const SOURCE_EXEC_ARGV = ['--conditions=import', '--no-warnings=ExperimentalWarning'];

/** A core host running in a forked child. */
export interface ForkedCore {
  core: HostedCore;
  child: ChildProcess;
  /** Closes the port (the host locks its vault and exits) and waits for the exit. */
  stop(): Promise<void>;
}

/** The host's entry for the way this code runs (Electron bundle or TypeScript sources through tsx). */
export function resolveCoreHostEntry(dir: string = __dirname): ChildEntry {
  const entry = findChildEntry('core-host-entry', dir);
  if (entry === null)
    throw new VigilError('INTERNAL', `The vault process's program is missing from ${dir}; rebuild the application.`);
  return entry;
}

/** A forked host process, not yet set up: its port, a way to end it, and the child (tests look at it). */
export interface ForkedHostProcess extends HostProcess {
  child: ChildProcess;
}

/** Forks the core host's program (in `entryDir`, by default beside this module) with a clean environment. */
export function spawnForkedHost(entryDir?: string): ForkedHostProcess {
  const entry = resolveCoreHostEntry(entryDir);
  const child = fork(entry.script, [], {
    execArgv: entry.script.endsWith('.ts') ? [...entry.execArgv, ...SOURCE_EXEC_ARGV] : entry.execArgv,
    env: { ...childEnvironment(), ...entry.env },
    serialization: 'advanced',
    // The host's own output (library warnings) is not ours to show; errors go to its log.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('error', () => undefined);
  return {
    child,
    port: portOfChildProcess(child),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Forks the core host, sends it `init` and resolves once it is ready. `entryDir` names where its program is (the
 * Electron main bundle, out/main, for the E2E harness); by default beside this module.
 */
export async function forkCoreHost(init: HostInit, main: MainSide, entryDir?: string): Promise<ForkedCore> {
  const { child, port, kill } = spawnForkedHost(entryDir);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const core = new HostedCore(port, main);
  try {
    await core.start(init);
  } catch (error) {
    kill();
    throw error;
  }
  return {
    core,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.disconnect();
      await exited;
    },
  };
}

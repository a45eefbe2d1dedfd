/**
 * The only Electron-specific pieces of the hosted core (docs/DESIGN.md §1, "The
 * core host"): utilityProcess.fork of the host's entry, and the child's
 * postMessage port as a HostPort. Everything else (the protocol, the host, the
 * forwarding) is the same code the E2E harness runs under plain Node.
 */
import { utilityProcess } from 'electron';
import { resolveCoreHostEntry } from '../host/fork-host';
import type { HostProcess } from '../host/supervised-core';
import { childEnvironment } from '../ingest/parser-process';

/**
 * Starts the core host as a utilityProcess (fork would need ELECTRON_RUN_AS_NODE, which the fuses disable), with an
 * environment of a few harmless variables only: never VIGIL_PASSPHRASE or anything else of ours.
 */
export function forkUtilityCoreHost(): HostProcess {
  // Beside main/host (out/main in the bundle, where this code is too; the sources in tests).
  const entry = resolveCoreHostEntry();
  const child = utilityProcess.fork(entry.script, [], {
    execArgv: entry.execArgv,
    env: { ...childEnvironment(), ...entry.env },
    stdio: 'ignore',
    serviceName: 'Vigil vault',
  });
  let exited = false;
  const closeListeners: (() => void)[] = [];
  child.once('exit', () => {
    exited = true;
    for (const fn of closeListeners.splice(0)) fn();
  });
  return {
    port: {
      post: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => {
        child.on('message', listener);
        return () => child.off('message', listener);
      },
      onClose: (listener) => {
        if (exited) listener();
        else closeListeners.push(listener);
      },
    },
    kill: () => {
      if (!exited) child.kill();
    },
  };
}

/**
 * The text-extraction process inside Electron: a utilityProcess (a Node child of the
 * app that needs no ELECTRON_RUN_AS_NODE, which the packaged app's fuses disable).
 * It implements the core's ParserLauncher and is registered at start-up.
 */
import { utilityProcess } from 'electron';
import type { ParserLauncher } from '../ingest/parser-process';

/** utilityProcess.fork with the heap limit, a clean environment and output discarded. */
export const utilityProcessLauncher: ParserLauncher = {
  kind: 'utility-process',
  launch(entry, opts) {
    const child = utilityProcess.fork(entry.script, [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${opts.maxOldSpaceMb}`],
      env: { ...opts.env, ...entry.env },
      stdio: 'ignore',
      serviceName: 'Vigil text extraction',
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    return {
      get pid() {
        return child.pid;
      },
      post: (message) => child.postMessage(message),
      onMessage: (listener) => child.once('message', listener),
      // Electron reports the exit code only; a heap overflow shows as a crash code.
      onExit: (listener) => child.once('exit', (code) => listener(code, null)),
      kill: () => {
        if (!exited) child.kill();
      },
    };
  },
};

/**
 * The core host process's entry (docs/DESIGN.md §1, "The core host"): a
 * utilityProcess in the app, a child_process.fork child under Node. It serves
 * the core over its parent's port and, when the parent goes away, locks the
 * vault (tasks first) and ends.
 */
import os from 'node:os';
import { serveCore } from './core-server';
import { parentPortOfThisProcess } from './port';

// The window's process comes first when the machine is busy: a stall there is felt, a slower unlock less so.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not allowed here (some sandboxes): the host runs at the normal priority.
}

const port = parentPortOfThisProcess();
if (port === null) {
  // Started by hand rather than by the app: nothing to serve.
  process.exitCode = 2;
} else {
  const server = serveCore(port);
  let started = false;
  void server.ready.then(() => {
    started = true;
  });
  server.rpc.onClose(() => {
    if (!started) process.exit(0);
    void server.ready
      .then(async (services) => {
        services.tasks.cancelAll();
        await services.session.lock('quit');
      })
      .finally(() => process.exit(0));
  });
}

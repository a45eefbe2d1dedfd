/**
 * The command line run by the app binary itself: the installed `vigil` command (the deb's
 * /usr/bin/vigil, the macOS and Windows shims) is this binary given CLI arguments. It is the
 * Electron main process, not Node, so what the core needs from the runtime is set up first:
 * text extraction starts a utilityProcess (fork would need ELECTRON_RUN_AS_NODE, which the
 * fuses disable), and a utilityProcess can only be started once the app is ready.
 */
import { app } from 'electron';
import { EXIT_ERROR, runCli } from '../cli';
import { registerParserLauncher } from '../ingest/parser-process';
import { utilityProcessLauncher } from './parser-process';

/** Runs the command with `args` (after the executable) and exits with its status. */
export async function runCliMode(args: readonly string[]): Promise<void> {
  // No window, no dock icon, no single-instance lock: the command works beside an open window
  // (the vault's own lock keeps the two apart).
  app.dock?.hide();
  registerParserLauncher(utilityProcessLauncher);
  let code = EXIT_ERROR;
  try {
    await app.whenReady();
    code = await runCli(['vigil', 'vigil', ...args], app.getVersion());
  } catch (err) {
    process.stderr.write(
      `vigil: the application could not start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  } finally {
    app.exit(code);
  }
}

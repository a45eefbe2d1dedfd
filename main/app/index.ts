/**
 * The Electron main entry (out/main/index.js): run the command line when the
 * binary was given CLI arguments (the installed `vigil` command is this binary),
 * else locate the built pieces and start the window.
 */
import * as path from 'node:path';
import { app } from 'electron';
import { buildProgram, runCli } from '../cli';
import { launchMode, type LaunchMode } from './launch-mode';
import { startApp } from './start';

const cliCommands = buildProgram(app.getVersion()).commands.map((command) => command.name());
const modeOf = (argv: readonly string[], cwd: string): LaunchMode => launchMode(argv, { defaultApp: process.defaultApp === true, cliCommands, cwd });
const mode = modeOf(process.argv, process.cwd());

if (mode.kind === 'cli') {
  // No window, no dock icon, no single-instance lock: the command works beside an open window
  // (the vault's own lock keeps the two apart), and exits with the command's status.
  app.dock?.hide();
  void runCli(['vigil', 'vigil', ...mode.args], app.getVersion()).then(
    (code) => app.exit(code),
    () => app.exit(2),
  );
} else {
  // The bundle is CommonJS, so __dirname is out/main; its siblings are the renderer and preload builds.
  startApp({
    rendererDir: path.join(__dirname, '../renderer'),
    preloadPath: path.join(__dirname, '../preload/index.js'),
    isDev: !app.isPackaged,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    openPackages: mode.openPackages,
    modeOf,
  });
}

/**
 * The Electron main entry (out/main/index.js): run the command line when the
 * binary was given CLI arguments (the installed `vigil` command is this binary),
 * else locate the built pieces and start the window.
 */
import * as path from 'node:path';
import { app } from 'electron';
import { buildProgram } from '../cli';
import { runCliMode } from './cli-mode';
import { launchMode, type LaunchMode } from './launch-mode';
import { startApp } from './start';

const cliCommands = buildProgram(app.getVersion()).commands.map((command) => command.name());
const modeOf = (argv: readonly string[], cwd: string): LaunchMode =>
  launchMode(argv, { defaultApp: process.defaultApp === true, cliCommands, cwd });
const mode = modeOf(process.argv, process.cwd());

if (mode.kind === 'cli') {
  void runCliMode(mode.args);
} else {
  // The bundle is CommonJS, so __dirname is out/main; its siblings are the renderer and preload builds.
  startApp({
    rendererDir: path.join(__dirname, '../renderer'),
    preloadPath: path.join(__dirname, '../preload/index.js'),
    isDev: !app.isPackaged,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    openPackages: mode.openPackages,
    modeOf,
    // The core in a utilityProcess, off the window's thread (docs/DESIGN.md §1); VIGIL_HOSTED_CORE=0 keeps it here.
    hostedCore: process.env['VIGIL_HOSTED_CORE'] !== '0',
  });
}

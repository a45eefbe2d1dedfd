/** Launches the built app (out/main) in the real Electron binary, when that binary exists. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN_ENTRY = path.join(PROJECT_ROOT, 'out', 'main', 'index.js');

/**
 * The Electron binary's path, or null when it is not installed. Read from the
 * electron package's path.txt and dist/ directly: requiring the package would
 * try to download a missing binary, and these tests never touch the network.
 */
export function electronBinary(): string | null {
  const pkg = path.join(PROJECT_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : null;
}

/** Why the Electron suite cannot run here, or null when it can. */
export function electronUnavailable(): string | null {
  if (electronBinary() === null)
    return (
      'the Electron binary is not installed ' +
      '(node_modules/electron/dist is missing: ' +
      'ELECTRON_SKIP_BINARY_DOWNLOAD)'
    );
  if (!existsSync(MAIN_ENTRY)) return 'out/main/index.js is missing: run `npm run build` first';
  return null;
}

/** A running app with its first window. */
export interface RunningApp {
  app: ElectronApplication;
  window: Page;
  close(): Promise<void>;
}

/** Starts the packaged-mode app (no dev server) with a throw-away profile folder. */
export async function launchElectronApp(): Promise<RunningApp> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'vigil-electron-'));
  const binary = electronBinary();
  if (binary === null) throw new Error('The Electron binary is not installed.');
  const app = await _electron.launch({
    executablePath: binary,
    args: [MAIN_ENTRY, `--user-data-dir=${profile}`],
    env: { ...process.env, ELECTRON_RENDERER_URL: '', ELECTRON_ENABLE_LOGGING: '0' },
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return {
    app,
    window,
    close: async () => {
      await app.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

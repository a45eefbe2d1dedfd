/**
 * The handler table: one entry per contract channel, each mapping to one core
 * call. Free of electron so the E2E tests can install the very same table in a
 * browser page through Playwright's exposeBinding.
 */
import type { HandlerTable } from './dispatch';

/** What the handlers need from the rest of the program; grows as channels are added. */
export interface AppServices {
  /** The application's name and version (from Electron's app in the real shell). */
  appInfo(): { name: string; version: string };
}

/** Builds the table that register.ts installs into ipcMain. */
export function createHandlerTable(services: AppServices): HandlerTable {
  return {
    'app:info': async () => services.appInfo(),
  };
}

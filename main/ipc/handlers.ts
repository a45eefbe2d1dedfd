/**
 * The handler table: one entry per contract channel, assembled from the areas
 * (main/ipc/<area>.ipc.ts). Free of electron so the E2E tests can install the
 * very same table in a browser page through Playwright's exposeBinding.
 */
import type { HandlerTable } from './dispatch';
import type { AppServices } from './services';
import { appHandlers } from './app.ipc';
import { vaultHandlers } from './vault.ipc';
import { tasksHandlers } from './tasks.ipc';
import { casesHandlers } from './cases.ipc';
import { peopleHandlers } from './people.ipc';
import { itemsHandlers } from './items.ipc';
import { interviewsHandlers } from './interviews.ipc';
import { timelineHandlers } from './timeline.ipc';
import { requestsHandlers } from './requests.ipc';
import { custodyHandlers } from './custody.ipc';
import { searchHandlers } from './search.ipc';
import { packagesHandlers } from './packages.ipc';
import { settingsHandlers } from './settings.ipc';
import { reportsHandlers } from './reports.ipc';

export type { AppServices } from './services';

/** Builds the table that register.ts installs into ipcMain; a missing channel fails to compile. */
export function createHandlerTable(services: AppServices): HandlerTable {
  return {
    ...appHandlers(services),
    ...vaultHandlers(services),
    ...tasksHandlers(services),
    ...casesHandlers(services),
    ...peopleHandlers(services),
    ...itemsHandlers(services),
    ...interviewsHandlers(services),
    ...timelineHandlers(services),
    ...requestsHandlers(services),
    ...custodyHandlers(services),
    ...searchHandlers(services),
    ...packagesHandlers(services),
    ...settingsHandlers(services),
    ...reportsHandlers(services),
  };
}

/** Handlers of the packages area: each channel mapped to its function in main/api/packages.ts; grants and tasks here. */
import type { PACKAGES_CHANNELS } from '../../shared/areas/packages.channels';
import {
  packagesExport,
  packagesImport,
  packagesLastSent,
  packagesPlan,
  packagesReadProfile,
  packagesRecipients,
  packagesVerify,
} from '../api/packages';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The packages area's handlers. */
export function packagesHandlers(s: AppServices): { [C in (typeof PACKAGES_CHANNELS)[number]]: Handler<C> } {
  const vault = () => s.session.requireVault();
  return {
    'packages:recipients': async () => packagesRecipients(vault().db),
    'packages:take-opened': async () => ({ files: s.openedPackages.take() }),
    'packages:read-profile': async (req) => s.grants.use(req.file, 'read-file', packagesReadProfile),
    'packages:plan': async (req) => packagesPlan(vault().db, req),
    'packages:last-sent': async (req) => packagesLastSent(vault().db, req),
    'packages:export': async (req) => {
      const v = vault();
      return s.grants.use(req.output, 'save-file', (output) =>
        s.tasks.run(req.taskId, 'bytes', ({ signal, report }) =>
          packagesExport(v, req, {
            output,
            signal,
            onProgress: (done, total) => report(done, total),
            softwareVersion: s.appInfo().version,
          }),
        ),
      );
    },
    'packages:verify': async (req) => {
      const v = vault();
      return s.grants.use(req.file, 'read-file', async (file) => {
        const report = await s.tasks.run(req.taskId, 'bytes', ({ signal, report: onProgress }) =>
          packagesVerify(v, req, file, { signal, onProgress }),
        );
        // The checked file may be imported next without being chosen again: a fresh grant for it alone.
        return { ...report, importGrant: s.grants.issue(file, 'read-file') };
      });
    },
    'packages:import': async (req) => {
      const v = vault();
      return s.grants.use(req.file, 'read-file', (file) =>
        s.tasks.run(req.taskId, 'bytes', ({ signal, report: onProgress }) =>
          packagesImport(v, req, file, { signal, onProgress }),
        ),
      );
    },
  };
}

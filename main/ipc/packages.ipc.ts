/** Handlers of the packages area: each maps one channel to one core call. */
import type { PACKAGES_CHANNELS } from '../../shared/areas/packages.channels';
import { exportForInterface, loadProfileChoice } from '../packages/export/export-run';
import { planExport } from '../packages/export/plan';
import { importPackage } from '../packages/import';
import { verifyPackageFile } from '../packages/verify';
import { listRecipients } from '../packages/recipients';
import { keyFingerprint, withOwnAgeIdentity } from '../vault/identity';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The packages area's handlers. */
export function packagesHandlers(s: AppServices): { [C in (typeof PACKAGES_CHANNELS)[number]]: Handler<C> } {
  return {
    'packages:recipients': async () =>
      listRecipients(s.session.requireVault().db).map((r) => ({ id: r.id, name: r.name, kind: r.kind, ageRecipient: r.ageRecipient, fingerprint: keyFingerprint(r.ageRecipient) })),
    'packages:plan': async (req) => {
      const profile = await loadProfileChoice(req.profile);
      return planExport(s.session.requireVault().db, { caseId: req.caseId, ...(req.itemIds ? { itemIds: req.itemIds } : {}), profile });
    },
    'packages:export': async (req) => {
      const vault = s.session.requireVault();
      return s.tasks.run(req.taskId, 'bytes', ({ signal, report }) =>
        exportForInterface(vault, {
          caseId: req.caseId,
          ...(req.itemIds ? { itemIds: req.itemIds } : {}),
          profile: req.profile,
          recipients: req.recipients,
          ...(req.passphrase === undefined ? {} : { passphrase: req.passphrase }),
          output: req.output,
          signal,
          onProgress: (done, total) => report(done, total),
          softwareVersion: s.appInfo().version,
        }),
      );
    },
    'packages:verify': async (req) => {
      const vault = s.session.requireVault();
      return s.tasks.run(req.taskId, 'bytes', ({ signal, report }) =>
        withOwnAgeIdentity(vault, (own) => verifyPackageFile(req.path, { identities: [own], signal, onProgress: report })),
      );
    },
    'packages:import': async (req) => {
      const vault = s.session.requireVault();
      return s.tasks.run(req.taskId, 'bytes', ({ signal, report }) => importPackage(vault, req.path, { signal, onProgress: report }));
    },
  };
}

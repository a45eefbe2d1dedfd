/** Handlers of the packages area: each maps one channel to one core call. */
import type { PACKAGES_CHANNELS } from '../../shared/areas/packages.channels';
import type { AgeIdentity } from '../crypto/age';
import { wipe } from '../crypto/sodium';
import { exportForInterface, loadProfileChoice } from '../packages/export/export-run';
import { planExport } from '../packages/export/plan';
import { importPackage } from '../packages/import';
import { verifyPackageFile } from '../packages/verify';
import { listRecipients } from '../packages/recipients';
import { keyFingerprint, withOwnAgeIdentity } from '../vault/identity';
import type { Vault } from '../vault/vault';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** Runs `fn` with the key that opens a received package: the passphrase when given, else the member's own; wiped afterwards. */
async function withPackageKey<T>(vault: Vault, passphrase: string | undefined, fn: (key: AgeIdentity) => Promise<T>): Promise<T> {
  if (passphrase === undefined) return withOwnAgeIdentity(vault, fn);
  const key = new Uint8Array(Buffer.from(passphrase, 'utf8'));
  try {
    return await fn({ kind: 'scrypt', passphrase: key });
  } finally {
    wipe(key);
  }
}

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
          ...(req.confirmProtectedNames === true ? { confirmProtectedNames: true } : {}),
        }),
      );
    },
    'packages:verify': async (req) => {
      const vault = s.session.requireVault();
      return s.tasks.run(req.taskId, 'bytes', ({ signal, report }) =>
        withPackageKey(vault, req.passphrase, (key) => verifyPackageFile(req.path, { identities: [key], signal, onProgress: report })),
      );
    },
    'packages:import': async (req) => {
      const vault = s.session.requireVault();
      return s.tasks.run(req.taskId, 'bytes', ({ signal, report }) =>
        withPackageKey(vault, req.passphrase, (key) => importPackage(vault, req.path, { identities: [key], signal, onProgress: report })),
      );
    },
  };
}

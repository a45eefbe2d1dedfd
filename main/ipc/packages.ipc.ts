/** Handlers of the packages area: each maps one channel to one core call. */
import type { PACKAGES_CHANNELS } from '../../shared/areas/packages.channels';
import type { AgeIdentity } from '../crypto/age';
import { wipe } from '../crypto/sodium';
import path from 'node:path';
import { exportForInterface, profileOfChoice } from '../packages/export/export-run';
import { readProfileFile } from '../packages/export/profile';
import { planExport } from '../packages/export/plan';
import { importPackage } from '../packages/import';
import { receivedHistory } from '../packages/consistency/received-checkpoints';
import { loadSignerDirectory } from '../packages/trust';
import { verifyPackageFile } from '../packages/verify';
import { listRecipients } from '../packages/recipients';
import { lastSentTo } from '../packages/update/last-sent';
import { keyFingerprint, withOwnAgeIdentity } from '../vault/identity';
import type { Vault } from '../vault/vault';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/**
 * Runs `fn` with the key that opens a received package: the passphrase when given, else the member's own; wiped
 * afterwards.
 */
async function withPackageKey<T>(
  vault: Vault,
  passphrase: string | undefined,
  fn: (key: AgeIdentity) => Promise<T>,
): Promise<T> {
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
      listRecipients(s.session.requireVault().db).map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        ageRecipient: r.ageRecipient,
        fingerprint: keyFingerprint(r.ageRecipient),
      })),
    'packages:take-opened': async () => ({ files: s.openedPackages.take() }),
    'packages:read-profile': async (req) =>
      s.grants.use(req.file, 'read-file', async (file) => ({
        name: path.basename(file),
        profile: await readProfileFile(file),
      })),
    'packages:plan': async (req) => {
      const profile = profileOfChoice(req.profile);
      return planExport(s.session.requireVault().db, {
        caseId: req.caseId,
        ...(req.itemIds ? { itemIds: req.itemIds } : {}),
        profile,
      });
    },
    'packages:last-sent': async (req) => lastSentTo(s.session.requireVault().db, req.caseId, req.recipients),
    'packages:export': async (req) => {
      const vault = s.session.requireVault();
      return s.grants.use(req.output, 'save-file', (output) =>
        s.tasks.run(req.taskId, 'bytes', ({ signal, report }) =>
          exportForInterface(vault, {
            caseId: req.caseId,
            ...(req.itemIds ? { itemIds: req.itemIds } : {}),
            profile: req.profile,
            recipients: req.recipients,
            ...(req.passphrase === undefined ? {} : { passphrase: req.passphrase }),
            output,
            signal,
            onProgress: (done, total) => report(done, total),
            softwareVersion: s.appInfo().version,
            ...(req.confirmProtectedNames === true ? { confirmProtectedNames: true } : {}),
            ...(req.update === true ? { mode: { kind: 'update' } as const } : {}),
          }),
        ),
      );
    },
    'packages:verify': async (req) => {
      const vault = s.session.requireVault();
      return s.grants.use(req.file, 'read-file', async (file) => {
        const report = await s.tasks.run(req.taskId, 'bytes', ({ signal, report: progress }) =>
          withPackageKey(vault, req.passphrase, (key) =>
            verifyPackageFile(file, {
              identities: [key],
              trust: { directory: loadSignerDirectory(vault.db, vault.vaultId) },
              history: receivedHistory(vault.db, vault.vaultId),
              signal,
              onProgress: progress,
            }),
          ),
        );
        // The checked file may be imported next without being chosen again: a fresh grant for it alone.
        return { ...report, importGrant: s.grants.issue(file, 'read-file') };
      });
    },
    'packages:import': async (req) => {
      const vault = s.session.requireVault();
      return s.grants.use(req.file, 'read-file', (file) =>
        s.tasks.run(req.taskId, 'bytes', ({ signal, report }) =>
          withPackageKey(vault, req.passphrase, (key) =>
            importPackage(vault, file, {
              identities: [key],
              ...(req.trustSigners ? { trustSigners: req.trustSigners } : {}),
              ...(req.acceptRewrittenHistory === true ? { acceptRewrittenHistory: true } : {}),
              signal,
              onProgress: report,
            }),
          ),
        ),
      );
    },
  };
}

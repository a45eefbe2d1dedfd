/**
 * What the packages channels answer: the address book to seal to, the export as the wizard asks for it (recipients
 * from the address book or pasted keys, or a passphrase; a profile by name or file) with the fingerprints to read out
 * afterwards — the same steps as `vigil export` — and the check and import of a received package. Files arrive as the
 * paths their grants resolved to; the task around a long call is the caller's.
 */
import path from 'node:path';
import type { ReqParsed, Res } from '../../shared/contract';
import { encodeRecipient, type AgeIdentity } from '../crypto/age';
import { wipe } from '../crypto/sodium';
import { receivedHistory } from '../packages/consistency/received-checkpoints';
import { exportPackage, type ExportProfile } from '../packages/export/export';
import { planExport } from '../packages/export/plan';
import { parseCustomProfile, readProfileFile } from '../packages/export/profile';
import { importPackage } from '../packages/import';
import { listRecipients, resolveRecipients } from '../packages/recipients';
import { loadSignerDirectory } from '../packages/trust';
import { lastSentTo } from '../packages/update/last-sent';
import { verifyPackageFile } from '../packages/verify';
import type { ReadDb } from '../vault/database';
import { keyFingerprint, memberIdentity, withOwnAgeIdentity } from '../vault/identity';
import type { Vault } from '../vault/vault';
import { settingsRecipients } from './settings';

/** How a long call runs: cancelled by `signal`, reporting bytes done of a total. */
interface Run {
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
}

/** The profile for the window's choice; a custom one is checked again, as it came from the window. */
function profileOfChoice(choice: ReqParsed<'packages:plan'>['profile']): ExportProfile {
  return choice.kind === 'custom' ? parseCustomProfile(choice.profile) : choice.kind;
}

/**
 * The acting member's public keys and their fingerprints (for `vigil identity` and the signer of an export); the age
 * secret derived on the way is wiped at once.
 */
export function memberPublicIdentity(vault: Vault): Omit<ReturnType<typeof memberIdentity>, 'ageIdentity'> {
  const { ageIdentity, ...shown } = memberIdentity(vault);
  if (ageIdentity.kind === 'x25519') wipe(ageIdentity.secretKey);
  return shown;
}

/** The exporting member's minisign key fingerprint, to read out to the recipient (the window's and `vigil export`'s). */
export function signerFingerprint(vault: Vault): string {
  return memberPublicIdentity(vault).fingerprints.minisign;
}

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

/** packages:recipients — the address book as the export wizard offers it. */
export function packagesRecipients(db: ReadDb): Res<'packages:recipients'> {
  return settingsRecipients(db).map(({ id, name, kind, ageRecipient, fingerprint }) => ({
    id,
    name,
    kind,
    ageRecipient,
    fingerprint,
  }));
}

/** packages:read-profile — the custom profile in `file` (its grant resolved), checked. */
export async function packagesReadProfile(file: string): Promise<Res<'packages:read-profile'>> {
  return { name: path.basename(file), profile: await readProfileFile(file) };
}

/** packages:plan — what the export would hold; changes nothing. */
export function packagesPlan(db: ReadDb, req: ReqParsed<'packages:plan'>): Res<'packages:plan'> {
  const profile = profileOfChoice(req.profile);
  return planExport(db, { caseId: req.caseId, ...(req.itemIds ? { itemIds: req.itemIds } : {}), profile });
}

/** packages:last-sent — the last package of the case to exactly these recipients, if any. */
export function packagesLastSent(db: ReadDb, req: ReqParsed<'packages:last-sent'>): Res<'packages:last-sent'> {
  return lastSentTo(db, req.caseId, req.recipients);
}

/**
 * packages:export — exports as `vigil export` does to `output` (its grant resolved), and answers the package facts
 * with who can open it (address-book name or null for a pasted key, key, fingerprint) and the signer's fingerprint.
 */
export async function packagesExport(
  vault: Vault,
  req: ReqParsed<'packages:export'>,
  run: Run & { output: string; softwareVersion: string },
): Promise<Res<'packages:export'>> {
  const profile = profileOfChoice(req.profile);
  const keys = req.recipients.length > 0 ? resolveRecipients(vault.db, req.recipients.join(',')) : null;
  const result = await exportPackage(vault, {
    caseId: req.caseId,
    ...(req.itemIds && req.itemIds.length > 0 ? { itemIds: req.itemIds } : {}),
    recipients: keys,
    ...(req.passphrase === undefined ? {} : { passphrase: req.passphrase }),
    profile,
    output: run.output,
    signal: run.signal,
    onProgress: run.onProgress,
    ...(run.softwareVersion ? { softwareVersion: run.softwareVersion } : {}),
    ...(req.confirmProtectedNames === true ? { confirmProtectedNames: true } : {}),
    ...(req.update === true ? { mode: { kind: 'update' } as const } : {}),
  });
  const book = new Map(listRecipients(vault.db).map((r) => [r.ageRecipient, r.name]));
  const recipients = (keys ?? []).map((key) => {
    const ageRecipient = encodeRecipient(key);
    return { name: book.get(ageRecipient) ?? null, ageRecipient, fingerprint: keyFingerprint(ageRecipient) };
  });
  return { ...result, recipients, signerFingerprint: signerFingerprint(vault) };
}

/** packages:verify — the report on the package at `file` (its grant resolved), against what the vault trusts. */
export function packagesVerify(
  vault: Vault,
  req: ReqParsed<'packages:verify'>,
  file: string,
  run: Run,
): Promise<Omit<Res<'packages:verify'>, 'importGrant'>> {
  return withPackageKey(vault, req.passphrase, (key) =>
    verifyPackageFile(file, {
      identities: [key],
      trust: { directory: loadSignerDirectory(vault.db, vault.vaultId) },
      history: receivedHistory(vault.db, vault.vaultId),
      signal: run.signal,
      onProgress: run.onProgress,
    }),
  );
}

/** packages:import — checks the package at `file` (its grant resolved) and brings its case in, all or nothing. */
export function packagesImport(
  vault: Vault,
  req: ReqParsed<'packages:import'>,
  file: string,
  run: Run,
): Promise<Res<'packages:import'>> {
  return withPackageKey(vault, req.passphrase, (key) =>
    importPackage(vault, file, {
      identities: [key],
      ...(req.trustSigners ? { trustSigners: req.trustSigners } : {}),
      ...(req.acceptRewrittenHistory === true ? { acceptRewrittenHistory: true } : {}),
      signal: run.signal,
      onProgress: run.onProgress,
    }),
  );
}

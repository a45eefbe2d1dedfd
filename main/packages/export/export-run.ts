/**
 * An export as the interface asks for it: recipients from the address book
 * or pasted keys (or a passphrase), a profile by name or file, and the
 * fingerprints to read out afterwards — the same steps as `vigil export`.
 */
import { encodeRecipient } from '../../crypto/age';
import { wipe } from '../../crypto/sodium';
import { listRecipients, resolveRecipients } from '../recipients';
import { keyFingerprint, memberIdentity } from '../../vault/identity';
import type { Vault } from '../../vault/vault';
import { exportPackage, type ExportProfile, type ExportResult } from './export';
import { parseCustomProfile, type CustomProfile } from './profile';
import type { ExportMode } from '../update/update-plan';

/**
 * A profile as the interface names it: a built-in one, or a custom one's settings (read from the file the person
 * chose).
 */
type ProfileChoice = { kind: 'protected' } | { kind: 'full' } | { kind: 'custom'; profile: CustomProfile };

/** The export's inputs from the wizard. */
interface InterfaceExport {
  caseId: string;
  itemIds?: string[];
  profile: ProfileChoice;
  /** Address-book ids or "age1…" keys; empty when sealing to a passphrase. */
  recipients: string[];
  passphrase?: string;
  output: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  softwareVersion?: string;
  /** The sender ticked "I have checked these items" for the originals that name protected people. */
  confirmProtectedNames?: boolean;
  /** A full package (the default) or an update of an earlier one to the same recipients. */
  mode?: ExportMode;
}

/** What the result screen shows. */
interface InterfaceExportResult extends ExportResult {
  /** Who can open it: address-book name (or null for a pasted key), key and fingerprint. */
  recipients: { name: string | null; ageRecipient: string; fingerprint: string }[];
  /** The exporting member's minisign key fingerprint, to read out to the recipient. */
  signerFingerprint: string;
}

/** The profile for a choice; a custom one is checked again, as it came from the window. */
export function profileOfChoice(choice: ProfileChoice): ExportProfile {
  return choice.kind === 'custom' ? parseCustomProfile(choice.profile) : choice.kind;
}

function signerFingerprint(vault: Vault): string {
  const id = memberIdentity(vault);
  if (id.ageIdentity.kind === 'x25519') wipe(id.ageIdentity.secretKey);
  return id.fingerprints.minisign;
}

/** Exports as `vigil export` does, and returns the package facts with the fingerprints to read out. */
export async function exportForInterface(vault: Vault, opts: InterfaceExport): Promise<InterfaceExportResult> {
  const profile = profileOfChoice(opts.profile);
  const keys = opts.recipients.length > 0 ? resolveRecipients(vault.db, opts.recipients.join(',')) : null;
  const result = await exportPackage(vault, {
    caseId: opts.caseId,
    ...(opts.itemIds && opts.itemIds.length > 0 ? { itemIds: opts.itemIds } : {}),
    recipients: keys,
    ...(opts.passphrase === undefined ? {} : { passphrase: opts.passphrase }),
    profile,
    output: opts.output,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.softwareVersion ? { softwareVersion: opts.softwareVersion } : {}),
    ...(opts.confirmProtectedNames === true ? { confirmProtectedNames: true } : {}),
    ...(opts.mode ? { mode: opts.mode } : {}),
  });
  const book = new Map(listRecipients(vault.db).map((r) => [r.ageRecipient, r.name]));
  const recipients = (keys ?? []).map((key) => {
    const ageRecipient = encodeRecipient(key);
    return { name: book.get(ageRecipient) ?? null, ageRecipient, fingerprint: keyFingerprint(ageRecipient) };
  });
  return { ...result, recipients, signerFingerprint: signerFingerprint(vault) };
}

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isVigilError, VigilError } from '../../shared/errors';
import { BlobStore } from '../blobs/blob-store';
import { signerFromSeed, type MemberSigner } from '../custody/member-signer';
import { wipe } from '../crypto/sodium';
import { DATABASE_FILE, openEncryptedDatabase, type Db } from './database';
import { deriveBlobIdentitySecret, deriveSqlcipherKey } from './keys/derive';
import { readInterruptedCreation, readPendingHeader, slotGoneError } from './header-change';
import { readVaultHeader, type SlotRole, type VaultHeader } from './keys/header';
import { damagedSigningKey, unlockWithSecret, type UnlockedSlot } from './keys/slots';
import { acquireVaultLock, type VaultLock } from './lock';
import { getMember } from './members';
import { runMigrations } from './migrations/registry';
import { recoverOnOpen } from './open-recovery';
import { ensureKeySlotsTable, slotRole, upgradeHeader } from './slot-roles';
import { blobsDir, Vault } from './vault';

/** How a member proves who they are: their passphrase, or the vault's recovery code. */
export type UnlockSecret = { passphrase: string } | { recoveryCode: string };

/**
 * Unlocks a vault. The passphrase is checked against the key slots before
 * anything on disk is touched, so a wrong one changes no byte in the folder.
 */
export async function openVault(dir: string, secret: UnlockSecret): Promise<Vault> {
  const { header, unlocked } = await unlockFolder(dir, secret);
  return openUnlocked(dir, header, unlocked);
}

/**
 * Unlocks a slot of vault.json with `secret` — or of the pending header an interrupted
 * key-slot change left, which may have been recorded; opening the vault then decides.
 */
export async function unlockFolder(
  dir: string,
  secret: UnlockSecret,
): Promise<{ header: VaultHeader; unlocked: UnlockedSlot }> {
  const header = await readVaultHeader(dir).catch(async (err: unknown) => {
    // A creation killed before vault.json appeared leaves its first header pending; it may have been recorded.
    if (!isVigilError(err) || err.code !== 'VAULT_NOT_FOUND') throw err;
    const first = await readInterruptedCreation(dir);
    if (first !== null) return first;
    throw (await headerlessDatabase(dir)) ?? err;
  });
  const pending = await readPendingHeader(dir, header.vaultId);
  const known = new Set(header.slots.map((s) => s.id));
  const slots = pending === null ? header.slots : [...header.slots, ...pending.slots.filter((s) => !known.has(s.id))];
  return { header, unlocked: await unlockWithSecret({ ...header, slots }, secret) };
}

/**
 * The refusal for a folder whose vault.db has no header at all: a creation killed before its first header was written,
 * or a vault whose vault.json was lost. Neither can be opened, and only the person knows which it is. Null when there
 * is no vault.db either.
 */
async function headerlessDatabase(dir: string): Promise<VigilError | null> {
  if (
    !(await stat(path.join(dir, DATABASE_FILE)).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    return null;
  return new VigilError(
    'VAULT_NOT_FOUND',
    `${dir} holds vault.db but no vault.json, so it cannot be opened: either creating a vault here was interrupted ` +
      `before anything was stored (then create the vault again in a new or empty folder), or this vault's vault.json ` +
      `was lost (then restore it from a backup: vault.db cannot be opened without it).`,
  );
}

/**
 * Opens a vault whose key slot is already unlocked; wipes the slot's secrets. An older
 * vault.json is then rewritten in the current format, through the atomic header change.
 */
export async function openUnlocked(dir: string, header: VaultHeader, unlocked: UnlockedSlot): Promise<Vault> {
  const vault = await openWithSlot(dir, header, unlocked);
  try {
    await upgradeHeader(vault, await readVaultHeader(dir));
  } catch {
    // Not committed, so nothing changed: the vault stays in the older format, tried again at the next unlock.
  }
  return vault;
}

/** The work of openUnlocked up to a Vault: lock, database, crash recovery, the slot's role and member. */
async function openWithSlot(dir: string, header: VaultHeader, unlocked: UnlockedSlot): Promise<Vault> {
  const { masterKey, slot } = unlocked;
  const dbKey = deriveSqlcipherKey(masterKey);
  const blobKey = deriveBlobIdentitySecret(masterKey);
  wipe(masterKey);
  let signer: MemberSigner | null = null;
  let lock: VaultLock | null = null;
  let db: Db | null = null;
  try {
    lock = await acquireVaultLock(dir);
    db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), dbKey);
    runMigrations(db);
    ensureKeySlotsTable(db);
    checkVaultId(db, header.vaultId, dir);
    // Under the lock, before anything else: what a crash left half done is finished or undone.
    const blobs = new BlobStore(blobsDir(dir), blobKey);
    const recovered = await recoverOnOpen(dir, db, blobs);
    // The role is looked up only now: a pending header's slot counts only if reconciling kept it.
    const stored = (await readVaultHeader(dir)).slots.find((s) => s.id === slot.id);
    if (!stored) throw slotGoneError(recovered.header);
    const role = stored.role ?? slotRole(db, slot.id);
    if (!role)
      throw new VigilError(
        'VAULT_CORRUPT',
        'The key slot that opened is not known to the database, so vault.json and vault.db do not belong ' +
          'together. Keep a copy of the folder and run "vigil verify".',
      );
    const member = getMember(db, role.memberId);
    if (!member)
      throw new VigilError(
        'VAULT_CORRUPT',
        'The key slot names a member the database does not know. Keep a copy of the folder and run "vigil verify".',
      );
    if (member.removedAt)
      throw new VigilError('WRONG_PASSPHRASE', 'This passphrase belongs to a member who was removed from the vault.');
    signer = await signerOf(role, unlocked.signingSeed);
    if (signer) checkSignerMatches(signer, member.publicKeyHex);
    const parts = { id: member.id, name: member.name, publicKeyHex: member.publicKeyHex };
    return new Vault({
      dir,
      vaultId: header.vaultId,
      db,
      blobs,
      member: parts,
      signer,
      lock,
      slotId: slot.id,
      secrets: [blobKey],
      recovered,
    });
  } catch (err) {
    db?.close();
    signer?.wipe();
    wipe(blobKey);
    await lock?.release();
    throw err;
  } finally {
    wipe(dbKey, unlocked.signingSeed);
  }
}

/** The member's signer from a passphrase slot's seed; null for the recovery code, which signs as nobody. */
async function signerOf(role: SlotRole, seed: Uint8Array | undefined): Promise<MemberSigner | null> {
  if (role.kind === 'recovery') return null;
  if (!seed) throw damagedSigningKey();
  return signerFromSeed(seed);
}

/**
 * Refuses a vault.db of another vault. One with no vault id at all is a creation killed before its first transaction
 * committed (the id is written with `vault.created`): nothing was ever stored in it.
 */
function checkVaultId(db: Db, expected: string, dir: string): void {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get() as { value: string } | undefined;
  if (row === undefined)
    throw new VigilError(
      'VAULT_NOT_FOUND',
      `Creating a vault in ${dir} was interrupted before it was recorded, so there is no vault there and nothing ` +
        `was stored in it. Create the vault again in a new or empty folder (the files left in this one hold nothing).`,
    );
  if (row?.value !== expected) {
    throw new VigilError(
      'VAULT_CORRUPT',
      'vault.json and vault.db belong to different vaults. Keep a copy of the folder and restore the matching ' +
        'files from a backup.',
    );
  }
}

function checkSignerMatches(signer: MemberSigner, publicKeyHex: string): void {
  if (signer.publicKeyHex !== publicKeyHex) {
    throw new VigilError(
      'VAULT_CORRUPT',
      "The member's signing key in vault.json does not match the database. Keep a copy of the folder and run " +
        '"vigil verify".',
    );
  }
}

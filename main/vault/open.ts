import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { BlobStore } from '../blobs/blob-store';
import { signerFromSeed, type MemberSigner } from '../custody/member-signer';
import { wipe } from '../crypto/sodium';
import { DATABASE_FILE, openEncryptedDatabase, type Db } from './database';
import { deriveBlobIdentitySecret, deriveSqlcipherKey } from './keys/derive';
import { readVaultHeader, type VaultHeader } from './keys/header';
import { unlockWithSecret, type UnlockedSlot } from './keys/slots';
import { acquireVaultLock, type VaultLock } from './lock';
import { getMember } from './members';
import { runMigrations } from './migrations/registry';
import { blobsDir, Vault } from './vault';

/** How a member proves who they are: their passphrase, or the vault's recovery code. */
export type UnlockSecret = { passphrase: string } | { recoveryCode: string };

/**
 * Unlocks a vault. The passphrase is checked against the key slots before
 * anything on disk is touched, so a wrong one changes no byte in the folder.
 */
export async function openVault(dir: string, secret: UnlockSecret): Promise<Vault> {
  const header = await readVaultHeader(dir);
  const unlocked = await unlockWithSecret(header, secret);
  return openUnlocked(dir, header, unlocked);
}

/** Opens a vault whose key slot is already unlocked; wipes the slot's secrets. */
export async function openUnlocked(dir: string, header: VaultHeader, unlocked: UnlockedSlot): Promise<Vault> {
  const { masterKey, slot } = unlocked;
  const dbKey = deriveSqlcipherKey(masterKey);
  const blobKey = deriveBlobIdentitySecret(masterKey);
  wipe(masterKey);
  const signer = unlocked.signingSeed ? await signerFromSeed(unlocked.signingSeed) : null;
  wipe(unlocked.signingSeed);
  let lock: VaultLock | null = null;
  let db: Db | null = null;
  try {
    lock = await acquireVaultLock(dir);
    db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), dbKey);
    runMigrations(db);
    checkVaultId(db, header.vaultId);
    const member = getMember(db, slot.memberId);
    if (!member) throw new VigilError('VAULT_CORRUPT', 'The key slot names a member the database does not know. Keep a copy of the folder and run "vigil verify".');
    if (member.removedAt) throw new VigilError('WRONG_PASSPHRASE', 'This passphrase belongs to a member who was removed from the vault.');
    if (signer) checkSignerMatches(signer, member.publicKeyHex);
    const parts = { id: member.id, name: member.name, publicKeyHex: member.publicKeyHex };
    return new Vault({ dir, vaultId: header.vaultId, db, blobs: new BlobStore(blobsDir(dir), blobKey), member: parts, signer, lock, slotId: slot.id, secrets: [blobKey] });
  } catch (err) {
    db?.close();
    signer?.wipe();
    wipe(blobKey);
    await lock?.release();
    throw err;
  } finally {
    wipe(dbKey);
  }
}

function checkVaultId(db: Db, expected: string): void {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get() as { value: string } | undefined;
  if (row?.value !== expected) {
    throw new VigilError('VAULT_CORRUPT', 'vault.json and vault.db belong to different vaults. Keep a copy of the folder and restore the matching files from a backup.');
  }
}

function checkSignerMatches(signer: MemberSigner, publicKeyHex: string): void {
  if (signer.publicKeyHex !== publicKeyHex) {
    throw new VigilError('VAULT_CORRUPT', "The member's signing key in vault.json does not match the database. Keep a copy of the folder and run \"vigil verify\".");
  }
}

import { encodeIdentity } from '../crypto/age';
import { wipe } from '../crypto/sodium';
import { deriveBlobIdentitySecret, deriveSqlcipherKey } from './keys/derive';
import { openUnlocked, unlockFolder, type UnlockSecret } from './open';

/** The keys that open a vault with stock tools: SQLCipher 4 and age. */
interface RevealedKeys {
  sqlcipherKeyHex: string;
  blobIdentity: string;
}

/**
 * Disaster recovery: derives the raw SQLCipher key and the age identity of
 * the objects, and records in the custody log that they were revealed (when
 * the member can sign). The caller prints them; they are never written to disk.
 */
export async function revealKeys(dir: string, secret: UnlockSecret): Promise<RevealedKeys> {
  const { header, unlocked } = await unlockFolder(dir, secret);
  const dbKey = deriveSqlcipherKey(unlocked.masterKey);
  const blobKey = deriveBlobIdentitySecret(unlocked.masterKey);
  const revealed = { sqlcipherKeyHex: Buffer.from(dbKey).toString('hex'), blobIdentity: encodeIdentity(blobKey) };
  wipe(dbKey, blobKey);
  const vault = await openUnlocked(dir, header, unlocked);
  try {
    if (!vault.needsNewPassphrase)
      vault.record({ action: 'vault.keys_revealed', subject: vault.vaultId, hash: null, data: {} });
  } finally {
    await vault.close();
  }
  return revealed;
}

import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { BlobStore } from '../blobs/blob-store';
import { signerFromSeed } from '../custody/member-signer';
import { wipe } from '../crypto/sodium';
import { DATABASE_FILE, openEncryptedDatabase } from './database';
import { deriveBlobIdentitySecret, deriveSqlcipherKey, generateMasterKey, generateSigningSeed } from './keys/derive';
import { VAULT_FORMAT_VERSION, type KeySlot } from './keys/header';
import { generateRecoveryCode } from './keys/recovery-code';
import { createPassphraseSlot, createRecoverySlot, type KdfLimits } from './keys/slots';
import { acquireVaultLock } from './lock';
import { insertMember } from './members';
import { runMigrations } from './migrations/registry';
import { commitSlots } from './slot-roles';
import { blobsDir, Vault } from './vault';

/** What a new vault needs: the first member's name and passphrase (and, for tests, lighter KDF limits). */
export interface CreateVaultOptions {
  memberName: string;
  passphrase: string;
  kdf?: KdfLimits;
}

/**
 * Creates a vault in an empty or new folder. Returns it unlocked, with the
 * recovery code that must be shown to the member once and never stored.
 * vault.json is written last: until it exists, the folder is not a vault.
 */
export async function createVault(
  dir: string,
  opts: CreateVaultOptions,
): Promise<{ vault: Vault; recoveryCode: string }> {
  if (!opts.memberName.trim()) throw new VigilError('INVALID_INPUT', 'A member name is needed to create a vault.');
  await prepareEmptyFolder(dir);
  const vaultId = randomUUID();
  const memberId = randomUUID();
  const masterKey = generateMasterKey();
  const seed = generateSigningSeed();
  const recoveryCode = generateRecoveryCode();
  const limits = opts.kdf ? { limits: opts.kdf } : {};
  const slots: KeySlot[] = [
    await createPassphraseSlot({
      vaultId,
      memberId,
      masterKey,
      signingSeed: seed,
      passphrase: opts.passphrase,
      ...limits,
    }),
    await createRecoverySlot({ vaultId, memberId, masterKey, recoveryCode, ...limits }),
  ];
  const signer = await signerFromSeed(seed);
  wipe(seed);
  const lock = await acquireVaultLock(dir);
  const dbKey = deriveSqlcipherKey(masterKey);
  const blobKey = deriveBlobIdentitySecret(masterKey);
  wipe(masterKey);
  const db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), dbKey, { create: true });
  wipe(dbKey);
  runMigrations(db);
  await fsp.mkdir(blobsDir(dir), { mode: 0o700 });
  const member = { id: memberId, name: opts.memberName.trim(), publicKeyHex: signer.publicKeyHex };
  const vault = new Vault({
    dir,
    vaultId,
    db,
    blobs: new BlobStore(blobsDir(dir), blobKey),
    member,
    signer,
    lock,
    slotId: slots[0]?.id ?? '',
    secrets: [blobKey],
  });
  // The first header is written like every later one (header-change.ts): the log names its hash
  // and the database holds its slots' roles; vault.json appears only once that is committed.
  await commitSlots(vault, { vaultId, slots }, (tx) => {
    tx.prepare("INSERT INTO meta (key, value) VALUES ('vault_id', ?)").run(vaultId);
    insertMember(tx, member, 0);
    return {
      result: null,
      custody: {
        action: 'vault.created',
        subject: vaultId,
        hash: null,
        data: { memberId, publicKey: signer.publicKeyHex, formatVersion: VAULT_FORMAT_VERSION },
      },
    };
  });
  return { vault, recoveryCode };
}

/** Files only a vault or its interrupted creation makes: a folder with one of them but no vault.json is refused apart. */
const VAULT_PARTS = new Set(['vault.db', 'vault.json.pending']);
/**
 * The lock file and its temp files hold no data (a random token): a creation killed right after making them leaves a
 * folder that is still as good as empty.
 */
const LOCK_FILES = /^(vault\.lock|\.vault\.lock\.[0-9a-f]{16}\.tmp)$/;

async function prepareEmptyFolder(dir: string): Promise<void> {
  try {
    const entries = (await fsp.readdir(dir)).filter((n) => !LOCK_FILES.test(n));
    if (!entries.includes('vault.json') && entries.some((n) => VAULT_PARTS.has(n)))
      throw new VigilError(
        'VAULT_EXISTS',
        `${dir} holds the files of a vault but no vault.json: a vault creation here was interrupted, or this ` +
          `vault's vault.json was lost. Try to open it first (an interrupted creation that was recorded is finished ` +
          `then). If Vigil says nothing was stored, choose a new or empty folder; if it is a vault you use, restore ` +
          `its vault.json from a backup. Nothing was changed.`,
      );
    if (entries.length > 0) {
      throw new VigilError('VAULT_EXISTS', `${dir} is not empty. Choose a new or empty folder for the vault.`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  }
}

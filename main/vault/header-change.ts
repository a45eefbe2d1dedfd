/**
 * Key-slot changes span two files: the slots live in vault.json, the members and the custody
 * entry in vault.db. They are made one atomic step: the new header is written whole to
 * vault.json.pending, the database transaction commits the change with the new header's
 * SHA-256 (in its custody entry and in `meta`), and only then is the pending file renamed
 * over vault.json. A crash leaves either no pending file, an unrecorded one (the change never
 * happened: it is dropped) or a recorded one (the change happened: the rename is finished),
 * and `reconcileHeader` tells which, under the vault lock, before anything else is done.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { readCustodyHead, type CustodyRecord } from '../custody/log-store';
import type { CustodyVault } from '../custody/vault-access';
import { errnoCode, fsyncDir, toIoError, writeFileAtomic } from '../fs/atomic';
import type { Db, ReadDb } from './database';
import {
  MAX_HEADER_BYTES,
  parseVaultHeaderText,
  readVaultHeader,
  VAULT_HEADER_FILE,
  vaultHeaderText,
  type SlotFields,
  type VaultHeader,
} from './keys/header';

/** The file a new header waits in until the change that needs it is committed. */
export const PENDING_HEADER_FILE = 'vault.json.pending';

const SHA_KEY = 'header_sha256';
const SEQ_KEY = 'header_seq';
/**
 * Temp files of header writes (writeFileAtomic names them `.<name>.<16 hex>.tmp`): never the truth, safe to drop under
 * the lock.
 */
const HEADER_TEMP = /^\.vault\.json(\.pending)?\.[0-9a-f]{16}\.tmp$/;

/**
 * What reconciling the header found: nothing pending, an interrupted change finished, an unrecorded one dropped, or
 * the creation of the vault finished (its first header, recorded by `vault.created`, had not yet become vault.json).
 */
export type HeaderRecovery = 'none' | 'completed' | 'dropped' | 'created';

/**
 * The header the custody log last recorded: its SHA-256 and the seq of the entry naming it; null for a vault made
 * before hashes were recorded.
 */
export function recordedHeader(db: ReadDb): { sha256: string; seq: number } | null {
  const get = (key: string): string | undefined =>
    db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  const sha256 = get(SHA_KEY);
  const seq = get(SEQ_KEY);
  return sha256 === undefined || seq === undefined ? null : { sha256, seq: Number(seq) };
}

/** Records in `meta` that the entry at `seq` names the header with this hash (inside the change's transaction). */
function setRecordedHeader(db: Db, sha256: string, seq: number): void {
  const put = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  put.run(SHA_KEY, sha256);
  put.run(SEQ_KEY, String(seq));
}

/** Lowercase hex SHA-256 of a header's bytes. */
export function headerSha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The bytes of a header file, or null when there is none; a link or an oversized file counts as none (it is no header
 * of ours).
 */
export async function readHeaderBytes(file: string): Promise<Buffer | null> {
  try {
    const st = await lstat(file);
    if (!st.isFile() || st.size > MAX_HEADER_BYTES) return null;
    return await readFile(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw toIoError(err, `reading ${path.basename(file)}`);
  }
}

/**
 * The pending header of an interrupted change, parsed, when it belongs to this vault; its
 * slots may unlock (the change may have been recorded) until reconciling decides.
 */
export async function readPendingHeader(dir: string, vaultId: string): Promise<VaultHeader | null> {
  const bytes = await readHeaderBytes(path.join(dir, PENDING_HEADER_FILE));
  if (bytes === null) return null;
  try {
    const header = parseVaultHeaderText(bytes.toString('utf8'), PENDING_HEADER_FILE);
    return header.vaultId === vaultId ? header : null;
  } catch {
    return null;
  }
}

/**
 * The first header of a vault whose creation was interrupted before vault.json appeared: the pending header, when
 * there is no vault.json. Its slot may unlock; opening the vault then decides whether the creation was recorded.
 */
export async function readInterruptedCreation(dir: string): Promise<VaultHeader | null> {
  if ((await readHeaderBytes(path.join(dir, VAULT_HEADER_FILE))) !== null) return null;
  const bytes = await readHeaderBytes(path.join(dir, PENDING_HEADER_FILE));
  if (bytes === null) return null;
  try {
    return parseVaultHeaderText(bytes.toString('utf8'), PENDING_HEADER_FILE);
  } catch {
    return null;
  }
}

/**
 * Finishes or drops an interrupted header change (call it holding the vault lock, with the
 * database open): a pending header whose hash the log recorded replaces vault.json; any other
 * is removed, with the temp files of header writes.
 */
export async function reconcileHeader(dir: string, db: ReadDb): Promise<HeaderRecovery> {
  try {
    return await reconcile(dir, db);
  } catch (err) {
    throw toIoError(
      err,
      'finishing or undoing an interrupted change of vault.json (the database says which); nothing else was changed',
    );
  }
}

/** The work of reconcileHeader, whose failures it reports as one error a person can act on. */
async function reconcile(dir: string, db: ReadDb): Promise<HeaderRecovery> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => HEADER_TEMP.test(n)))
    await unlink(path.join(dir, name)).catch(() => undefined);
  const pendingFile = path.join(dir, PENDING_HEADER_FILE);
  const bytes = await readHeaderBytes(pendingFile);
  if (bytes === null) {
    if (!names.includes(PENDING_HEADER_FILE)) return 'none';
    // Something that is not a regular file took the name: it is no header of ours.
    await unlink(pendingFile).catch(() => undefined);
    await fsyncDir(dir);
    return 'dropped';
  }
  const recorded = recordedHeader(db);
  if (recorded !== null && headerSha256(bytes) === recorded.sha256) {
    await rename(pendingFile, path.join(dir, VAULT_HEADER_FILE));
    await fsyncDir(dir);
    // The first header is named by `vault.created`, the log's first entry.
    return recorded.seq === 0 ? 'created' : 'completed';
  }
  await unlink(pendingFile);
  await fsyncDir(dir);
  return 'dropped';
}

/**
 * The vault's header as it stands, an interrupted change put right first (the caller holds the vault open, so the
 * lock).
 */
export async function currentHeader(vault: CustodyVault): Promise<VaultHeader> {
  await reconcileHeader(vault.dir, vault.db);
  return readVaultHeader(vault.dir);
}

/**
 * Makes `next` the vault's header together with the database change `change` makes, as one
 * atomic step (see the file comment). Its text (slot order, random bytes) is decided once, and
 * the bytes hashed are the bytes written. The custody entry gains `headerSha256`. Throws only when
 * the change was not committed; a rename that fails after the commit is finished on the next
 * unlock (or the next header change), because the log already names the pending header.
 */
export async function commitHeaderChange<T>(
  vault: CustodyVault,
  next: { vaultId: string; slots: SlotFields[] },
  change: (db: Db) => { result: T; custody: CustodyRecord },
): Promise<T> {
  const text = vaultHeaderText(next);
  const sha256 = headerSha256(text);
  const pendingFile = path.join(vault.dir, PENDING_HEADER_FILE);
  await writeFileAtomic(pendingFile, text, { mode: 0o600 });
  let result: T;
  try {
    ({ result } = vault.change((db) => {
      const made = change(db);
      setRecordedHeader(db, sha256, readCustodyHead(db).size);
      return {
        result: made.result,
        custody: { ...made.custody, data: { ...made.custody.data, headerSha256: sha256 } },
      };
    }));
  } catch (err) {
    await unlink(pendingFile).catch(() => undefined);
    throw err;
  }
  try {
    await rename(pendingFile, path.join(vault.dir, VAULT_HEADER_FILE));
    await fsyncDir(vault.dir);
  } catch {
    // Recorded: reconcileHeader finishes the rename at the next unlock or header change.
  }
  return result;
}

/** Refuses an unlock whose slot is not in the header as reconciled, saying why. */
export function slotGoneError(recovery: HeaderRecovery): VigilError {
  const why: Record<HeaderRecovery, string> = {
    dropped:
      'It was set by a key-slot change that was interrupted before it was recorded, so that change did not ' +
      'happen. Unlock with the previous passphrase or recovery code and make the change again.',
    completed:
      'A key-slot change that was interrupted after it was recorded has just been finished, and it replaced ' +
      'this passphrase or recovery code. Unlock with the new one.',
    none: 'It was replaced while the vault was being unlocked. Unlock with the new passphrase or recovery code.',
    created: 'The creation of the vault, interrupted after it was recorded, has just been finished. Unlock again.',
  };
  return new VigilError(
    'WRONG_PASSPHRASE',
    `This passphrase or recovery code no longer opens the vault. ${why[recovery]}`,
  );
}

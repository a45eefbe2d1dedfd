/**
 * The vault lock: one process at a time has a vault open. vault.lock is a small
 * SQLite database holding one random token, written when the file is made, and
 * the holder keeps SQLite's exclusive lock on it (an open BEGIN EXCLUSIVE
 * transaction: a POSIX record lock, or LockFileEx on Windows) for as long as the
 * vault is open. The operating system drops that lock when the process ends,
 * however it ends, so a lock left by a crash or a power loss is free again
 * without guessing, and nothing in the file says who holds it (no process id,
 * no computer name). The file is never removed nor rewritten, so it no longer
 * says whether, or when last, the vault was open.
 *
 * POSIX record locks belong to the process and are dropped when it closes ANY
 * descriptor of the file: nothing in a process that holds a vault may open
 * vault.lock other than through this module (lock-legacy.ts reads only files
 * that are not locks of this version, and one process locks a vault once).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { VigilError, assertNever } from '../../shared/errors';
import { errnoCode, fsyncDir, toIoError } from '../fs/atomic';
import { settleOldLock } from './lock-legacy';

/** The lock's file name inside a vault folder. */
const VAULT_LOCK_FILE = 'vault.lock';

/** A held vault lock; release() gives it up. */
export interface VaultLock {
  release(): Promise<void>;
}

const MAX_ATTEMPTS = 20;
/** Lock files this process holds or is taking: a second open of the same vault here is refused at once. */
const heldHere = new Set<string>();

/** Waits `ms` milliseconds. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Refuses to lock a folder that does not exist (the lock must not create it). */
async function requireFolder(dir: string): Promise<void> {
  const st = await stat(dir).catch((err: unknown) => {
    if (errnoCode(err) === 'ENOENT') return null;
    throw toIoError(err, `opening the vault folder ${dir}`);
  });
  if (!st?.isDirectory())
    throw new VigilError('VAULT_NOT_FOUND', `The vault folder ${dir} does not exist. Choose the vault's folder.`);
}

/** Creates the lock file private to the user if there is none (SQLite would create it 0644). */
function createPrivate(lockPath: string): void {
  try {
    closeSync(openSync(lockPath, 'wx', 0o600));
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
  }
}

/** How long one try waits out a competing try's momentary hold before calling the vault in use. */
const LOCK_TRY_WAIT_MS = 250;

type Attempt = { kind: 'held'; db: Database.Database } | { kind: 'busy' } | { kind: 'not-a-lock' };

/** Writes the lock's table and its random token into a new (empty) lock file, under the exclusive lock. */
function writeToken(db: Database.Database): void {
  db.exec('BEGIN EXCLUSIVE');
  if (db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'lock'").pluck().get() === 0) {
    db.exec('CREATE TABLE lock (token TEXT NOT NULL) STRICT');
    db.prepare('INSERT INTO lock (token) VALUES (?)').run(randomBytes(16).toString('hex'));
  }
  db.exec('COMMIT');
}

/**
 * One try at the OS lock: an exclusive transaction (BEGIN EXCLUSIVE) that stays open, writing
 * nothing, until the connection closes; SQLite holds its exclusive lock for that long. The file
 * is written once, when it is new, so opening a vault leaves it as it was. Busy means a live
 * process holds it.
 */
function tryLock(lockPath: string): Attempt {
  createPrivate(lockPath);
  // A short busy wait: another process that is only trying the lock holds SQLite's lock for a
  // moment (its first read), and with no wait two such tries can refuse each other. A holder keeps
  // the exclusive lock for as long as the vault is open, so it is still found busy after the wait.
  const db = new Database(lockPath, { timeout: LOCK_TRY_WAIT_MS });
  try {
    if (db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'lock'").pluck().get() === 0) writeToken(db);
    db.exec('BEGIN EXCLUSIVE');
    // The first read under the lock: a file that is not a lock of this version fails here.
    db.prepare('SELECT count(*) FROM lock').get();
    return { kind: 'held', db };
  } catch (err) {
    db.close();
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return { kind: 'busy' };
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return { kind: 'not-a-lock' };
    throw err;
  }
}

const IN_USE =
  'This vault is open in another Vigil window or command, on this computer or on another one that shares this ' +
  'folder. Close it there first.';

/** Loops until the lock is ours, it is found in use, or an older lock file keeps changing. */
async function acquireLoop(dir: string, lockPath: string): Promise<Database.Database> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const tried = tryLock(lockPath);
    if (tried.kind === 'held') return tried.db;
    if (tried.kind === 'busy') throw new VigilError('VAULT_IN_USE', IN_USE);
    const verdict = await settleOldLock(dir, lockPath);
    switch (verdict.kind) {
      case 'in-use':
        throw verdict.error;
      case 'wait':
        await sleep(verdict.ms);
        continue;
      case 'retry':
        continue;
      case 'damaged':
        throw new VigilError(
          'VAULT_IN_USE',
          `The vault lock (${VAULT_LOCK_FILE} in ${dir}) is damaged. If no Vigil window or command has this ` +
            `vault open, delete ${VAULT_LOCK_FILE} and try again.`,
        );
      default:
        assertNever(verdict, 'old lock verdict');
    }
  }
  throw new VigilError(
    'VAULT_IN_USE',
    `Another program keeps changing ${VAULT_LOCK_FILE} in ${dir}. Close other Vigil windows and commands, then ` +
      `try again.`,
  );
}

/**
 * Takes the vault's lock for this process: VAULT_IN_USE if a live process holds it (here, in
 * another process, or on another computer sharing the folder); a lock whose holder ended is free.
 */
export async function acquireVaultLock(dir: string): Promise<VaultLock> {
  await requireFolder(dir);
  const lockPath = path.join(dir, VAULT_LOCK_FILE);
  const key = path.resolve(lockPath);
  if (heldHere.has(key))
    throw new VigilError(
      'VAULT_IN_USE',
      'This vault is already open in this Vigil window or command. Close it before opening it again.',
    );
  heldHere.add(key);
  let db: Database.Database;
  try {
    db = await acquireLoop(dir, lockPath);
  } catch (err) {
    heldHere.delete(key);
    throw toIoError(err, `locking the vault in ${dir}`);
  }
  const lock = makeLock(db, key);
  try {
    await fsyncDir(dir);
  } catch (err) {
    await lock.release();
    throw err;
  }
  return lock;
}

/** The handle whose release() drops the OS lock; the file stays, holding a token of no further use. */
function makeLock(db: Database.Database, key: string): VaultLock {
  let released = false;
  return {
    release(): Promise<void> {
      if (!released) {
        released = true;
        db.close();
        heldHere.delete(key);
      }
      return Promise.resolve();
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { VigilError, assertNever } from '../../shared/errors';
import { errnoCode, fsyncDir, toIoError } from '../fs/atomic';
import { createExclusiveFrom, writeTempBeside } from '../fs/exclusive-create';

/** The lock's file name inside a vault folder. */
export const VAULT_LOCK_FILE = 'vault.lock';

/** A held vault lock; release() gives it up (only if it is still ours). */
export interface VaultLock { release(): Promise<void> }

/** What a lock file says about its holder; bootId (Linux) tells a lock from before a reboot, whose pid may be reused. */
export interface LockInfo { pid: number; hostname: string; token: string; createdAt: string; bootId?: string }

const lockInfoSchema = z.strictObject({
  pid: z.number().int().positive(),
  hostname: z.string().min(1).max(255),
  token: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string().max(64),
  bootId: z.string().max(64).optional(),
});

/** A lock with unreadable content younger than this may still be being written (file systems without hard links). */
const UNREADABLE_GRACE_MS = 2_000;
/** A takeover claim older than this was left by a process that died mid-takeover (a takeover takes milliseconds). */
const STALE_CLAIM_MS = 30_000;
const MAX_ATTEMPTS = 20;
const MAX_LOCK_BYTES = 4096;

/** The state of the lock file as one inspection saw it. */
type Holder =
  | { kind: 'gone' }
  | { kind: 'live'; info: LockInfo }
  | { kind: 'foreign'; info: LockInfo }
  | { kind: 'young-unreadable'; waitMs: number }
  | { kind: 'stale'; id: string };

/** Whether a process with this pid exists on this machine (EPERM means it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/** Reads the lock file once (content and identity from the same open file). */
async function inspect(lockPath: string): Promise<Holder> {
  let handle;
  try {
    handle = await open(lockPath, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { kind: 'gone' };
    throw toIoError(err, 'reading the vault lock');
  }
  try {
    const st = await handle.stat();
    const buf = Buffer.alloc(Math.min(st.size, MAX_LOCK_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const info = parseLockInfo(text);
    if (!info) {
      const age = Date.now() - st.mtimeMs;
      if (age < UNREADABLE_GRACE_MS) return { kind: 'young-unreadable', waitMs: UNREADABLE_GRACE_MS - age };
      const digest = createHash('sha256').update(`${st.ino}:${st.size}:${st.mtimeMs}:`).update(text).digest('hex');
      return { kind: 'stale', id: `x${digest.slice(0, 31)}` };
    }
    if (info.hostname !== os.hostname()) return { kind: 'foreign', info };
    const bootId = await currentBootId();
    // After a reboot (e.g. power loss) the old pid may belong to an unrelated process.
    const rebooted = bootId !== undefined && info.bootId !== undefined && info.bootId !== bootId;
    return !rebooted && isProcessAlive(info.pid) ? { kind: 'live', info } : { kind: 'stale', id: info.token };
  } finally {
    await handle.close();
  }
}

/** This boot's id where the OS offers one (Linux); undefined elsewhere. */
async function currentBootId(): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  const text = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '');
  return text.trim() || undefined;
}

/** The holder described by a lock file, or null when the content is not a lock we understand. */
function parseLockInfo(text: string): LockInfo | null {
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { bootId, ...info } = parsed.data;
    return bootId === undefined ? info : { ...info, bootId };
  } catch {
    return null;
  }
}

/** Name of the exclusive claim file that lets one process replace the stale lock `staleId`. */
function claimPath(lockPath: string, staleId: string, generation: number): string {
  return `${lockPath}.takeover-${staleId}-${generation}`;
}

/**
 * Takes one exclusive claim on replacing the stale lock `staleId`. If an earlier claim
 * is older than STALE_CLAIM_MS its owner died mid-takeover, and the next generation is tried;
 * old claims are never deleted here, so two processes can never hold the same generation.
 */
async function claimTakeover(lockPath: string, staleId: string): Promise<string | null> {
  for (let generation = 0; generation < 5; generation += 1) {
    const claim = claimPath(lockPath, staleId, generation);
    try {
      await (await open(claim, 'wx', 0o600)).close();
      return claim;
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
      const st = await stat(claim).catch(() => null);
      if (!st || Date.now() - st.mtimeMs < STALE_CLAIM_MS) return null;
    }
  }
  return null;
}

/** Removes every takeover claim for `staleId` (after it has been replaced it can never be the lock again). */
async function clearClaims(lockPath: string, staleId: string): Promise<void> {
  const prefix = `${path.basename(lockPath)}.takeover-${staleId}-`;
  const names = await readdir(path.dirname(lockPath)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => unlink(path.join(path.dirname(lockPath), n)).catch(() => undefined)));
}

/**
 * Replaces a lock left by a dead process. Only the process holding the claim for that exact
 * stale lock may replace it, and it re-checks under the claim that the lock is unchanged,
 * so two processes can never both take over.
 */
async function takeOver(lockPath: string, tmp: string, staleId: string): Promise<boolean> {
  const claim = await claimTakeover(lockPath, staleId);
  if (!claim) return false;
  let replaced = false;
  try {
    const again = await inspect(lockPath);
    if (again.kind !== 'stale' || again.id !== staleId) return false;
    await rename(tmp, lockPath);
    replaced = true;
    return true;
  } finally {
    // Once replaced, that stale lock can never come back, so all its claims can go.
    if (replaced) await clearClaims(lockPath, staleId);
    else await unlink(claim).catch(() => undefined);
  }
}

/** The holder's message for a lock that is in use. */
function inUseError(dir: string, holder: { kind: 'live' | 'foreign'; info: LockInfo }): VigilError {
  const { pid, hostname } = holder.info;
  if (holder.kind === 'foreign') {
    return new VigilError(
      'VAULT_IN_USE',
      `This vault is open on another computer ("${hostname}", process ${pid}). Close it there first. If that computer is gone or crashed, delete the file ${VAULT_LOCK_FILE} in ${dir} and try again.`,
    );
  }
  if (pid === process.pid) {
    return new VigilError('VAULT_IN_USE', `This vault is already open in this Vigil window (process ${pid}). Close it before opening it again.`);
  }
  return new VigilError('VAULT_IN_USE', `This vault is open in another Vigil window or command (process ${pid}). Close it there first.`);
}

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
  if (!st?.isDirectory()) throw new VigilError('VAULT_NOT_FOUND', `The vault folder ${dir} does not exist. Choose the vault's folder.`);
}

/** Loops until the lock is ours, it is found in use, or too many rivals keep changing it. */
async function acquireLoop(dir: string, lockPath: string, tmp: string, content: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (await createExclusiveFrom(tmp, lockPath, content)) return;
    const holder = await inspect(lockPath);
    switch (holder.kind) {
      case 'gone':
        continue;
      case 'live':
      case 'foreign':
        throw inUseError(dir, holder);
      case 'young-unreadable':
        await sleep(Math.min(holder.waitMs + 10, UNREADABLE_GRACE_MS));
        continue;
      case 'stale':
        if (await takeOver(lockPath, tmp, holder.id)) return;
        await sleep(10 + Math.floor(Math.random() * 40));
        continue;
      default:
        assertNever(holder, 'lock state');
    }
  }
  throw new VigilError('VAULT_IN_USE', `Another program keeps changing ${VAULT_LOCK_FILE} in ${dir}. Close other Vigil windows and commands, then try again.`);
}

/**
 * Takes the vault's lock for this process: VAULT_IN_USE if a live process holds it
 * (here or on another computer); a lock left by a process that died is taken over.
 */
export async function acquireVaultLock(dir: string): Promise<VaultLock> {
  await requireFolder(dir);
  const lockPath = path.join(dir, VAULT_LOCK_FILE);
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), token: randomBytes(16).toString('hex'), createdAt: new Date().toISOString() };
  const bootId = await currentBootId();
  if (bootId) info.bootId = bootId;
  const content = `${JSON.stringify(info)}\n`;
  let tmp: string | undefined;
  try {
    tmp = await writeTempBeside(lockPath, content);
    await acquireLoop(dir, lockPath, tmp, content);
  } catch (err) {
    throw toIoError(err, `locking the vault in ${dir}`);
  } finally {
    if (tmp) await unlink(tmp).catch(() => undefined);
  }
  await fsyncDir(dir);
  return makeLock(lockPath, info.token);
}

/** The handle whose release() removes the lock only while it still carries our token. */
function makeLock(lockPath: string, token: string): VaultLock {
  let released = false;
  return {
    async release(): Promise<void> {
      if (released) return;
      released = true;
      const holder = await readLockInfo(lockPath);
      if (holder?.token !== token) return;
      await unlink(lockPath).catch((err: unknown) => {
        if (errnoCode(err) !== 'ENOENT') throw toIoError(err, 'releasing the vault lock');
      });
      await fsyncDir(path.dirname(lockPath));
    },
  };
}

/** The parsed lock file, or null when it is missing or unreadable. */
export async function readLockInfo(lockPath: string): Promise<LockInfo | null> {
  const handle = await open(lockPath, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buf = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return parseLockInfo(buf.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

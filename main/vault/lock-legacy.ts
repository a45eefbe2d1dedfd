/**
 * Lock files of earlier versions. Before format 2 of the lock, vault.lock was a
 * JSON text naming its holder (pid, host name, boot id), which told anyone with
 * the folder which computer had the vault open. Such a file is still honoured
 * when it is found (a vault last used by an older Vigil, or one still open in
 * it): its holder is checked as before, and a lock whose process is gone is
 * replaced, by exactly one process, with an empty file that lock.ts then locks.
 */
import { createHash } from 'node:crypto';
import { open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { VigilError, assertNever } from '../../shared/errors';
import { errnoCode, toIoError } from '../fs/atomic';
import { writeTempBeside } from '../fs/exclusive-create';

/** What an earlier version's lock file says about its holder. */
export interface LegacyLockInfo {
  pid: number;
  hostname: string;
  token: string;
  createdAt: string;
  bootId?: string;
}

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
const MAX_LOCK_BYTES = 4096;
/** The first bytes of a SQLite database: the lock of this version (an empty file is one too, not yet written). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What to do about a vault.lock that SQLite could not read as a lock. */
type OldLockVerdict =
  { kind: 'in-use'; error: VigilError } | { kind: 'wait'; ms: number } | { kind: 'retry' } | { kind: 'damaged' };

type Holder =
  | { kind: 'current' }
  | { kind: 'sqlite' }
  | { kind: 'live' | 'foreign'; info: LegacyLockInfo }
  | { kind: 'young-unreadable'; waitMs: number }
  | { kind: 'stale'; id: string };

/** Whether a process with this pid exists on this machine (EPERM means it exists but is not ours). */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/** This boot's id where the OS offers one (Linux); undefined elsewhere. */
async function currentBootId(): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  const text = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '');
  return text.trim() || undefined;
}

/** The holder described by an old lock file, or null when the content is not one. */
function parseLockInfo(text: string): LegacyLockInfo | null {
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { bootId, ...info } = parsed.data;
    return bootId === undefined ? info : { ...info, bootId };
  } catch {
    return null;
  }
}

/** Judges an old holder: alive here, on another computer, or gone (then `stale`, named by its token). */
async function judge(info: LegacyLockInfo): Promise<Holder> {
  if (info.hostname !== os.hostname()) return { kind: 'foreign', info };
  const bootId = await currentBootId();
  // After a reboot (e.g. power loss) the old pid may belong to an unrelated process.
  const rebooted = bootId !== undefined && info.bootId !== undefined && info.bootId !== bootId;
  return !rebooted && isProcessAlive(info.pid) ? { kind: 'live', info } : { kind: 'stale', id: info.token };
}

/** Reads the lock file once (content and identity from the same open file). */
async function inspect(lockPath: string): Promise<Holder> {
  let handle;
  try {
    handle = await open(lockPath, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { kind: 'current' };
    throw toIoError(err, 'reading the vault lock');
  }
  try {
    const st = await handle.stat();
    const buf = Buffer.alloc(Math.min(st.size, MAX_LOCK_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, bytesRead);
    // Never touched here: a lock of this version is lock.ts's alone.
    if (bytes.length === 0) return { kind: 'current' };
    if (bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return { kind: 'sqlite' };
    const text = bytes.toString('utf8');
    const info = parseLockInfo(text);
    if (info) return judge(info);
    const age = Date.now() - st.mtimeMs;
    if (age < UNREADABLE_GRACE_MS) return { kind: 'young-unreadable', waitMs: UNREADABLE_GRACE_MS - age };
    const digest = createHash('sha256').update(`${st.ino}:${st.size}:${st.mtimeMs}:`).update(text).digest('hex');
    return { kind: 'stale', id: `x${digest.slice(0, 31)}` };
  } finally {
    await handle.close();
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
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix))
      .map((n) => unlink(path.join(path.dirname(lockPath), n)).catch(() => undefined)),
  );
}

/**
 * Replaces a stale old lock with an empty file. Only the process holding the claim for that
 * exact stale lock may replace it, and it re-checks under the claim that the lock is unchanged,
 * so two processes can never both replace it (and a lock of this version is never replaced).
 */
async function replaceStale(lockPath: string, staleId: string): Promise<void> {
  const claim = await claimTakeover(lockPath, staleId);
  if (!claim) return;
  const tmp = await writeTempBeside(lockPath, '');
  let replaced = false;
  try {
    const again = await inspect(lockPath);
    if (again.kind !== 'stale' || again.id !== staleId) return;
    await rename(tmp, lockPath);
    replaced = true;
  } finally {
    await unlink(tmp).catch(() => undefined);
    if (replaced) await clearClaims(lockPath, staleId);
    else await unlink(claim).catch(() => undefined);
  }
}

/** The message for an old lock whose holder is alive. */
function inUse(holder: { kind: 'live' | 'foreign'; info: LegacyLockInfo }, dir: string): VigilError {
  const { pid, hostname } = holder.info;
  if (holder.kind === 'foreign') {
    return new VigilError(
      'VAULT_IN_USE',
      `This vault is open on another computer ("${hostname}", process ${pid}, an earlier version of Vigil). ` +
        `Close it there first. If that computer is gone or crashed, delete the file vault.lock in ${dir} and try ` +
        `again.`,
    );
  }
  return new VigilError(
    'VAULT_IN_USE',
    `This vault is open in an earlier version of Vigil (process ${pid}). Close it there first.`,
  );
}

/** Settles a vault.lock that is not a lock of this version: honours a live old holder, replaces a dead one. */
export async function settleOldLock(dir: string, lockPath: string): Promise<OldLockVerdict> {
  const holder = await inspect(lockPath);
  switch (holder.kind) {
    case 'current':
      return { kind: 'retry' };
    case 'sqlite':
      return { kind: 'damaged' };
    case 'live':
    case 'foreign':
      return { kind: 'in-use', error: inUse(holder, dir) };
    case 'young-unreadable':
      return { kind: 'wait', ms: Math.min(holder.waitMs + 10, UNREADABLE_GRACE_MS) };
    case 'stale':
      await replaceStale(lockPath, holder.id);
      return { kind: 'retry' };
    default:
      return assertNever(holder, 'old lock state');
  }
}

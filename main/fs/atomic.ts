import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { VigilError, isVigilError } from '../../shared/errors';

/** Error codes Node reports when a platform cannot fsync a directory (Windows, some network shares). */
const DIR_FSYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP']);

/** The `code` of a Node system error, if it has one. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Error codes of a hard link the file system cannot make (FAT/exFAT, some network shares). */
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Whether `err` says the file system makes no hard links, so the caller takes its fallback. */
export function linkUnsupported(err: unknown): boolean {
  return LINK_UNSUPPORTED.has(errnoCode(err) ?? '');
}

/** Maps a file-system failure to a VigilError a person can act on. */
export function toIoError(err: unknown, what: string): VigilError {
  if (isVigilError(err)) return err;
  const code = errnoCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new VigilError(
      'DISK_FULL',
      `The disk is full while ${what}. Free some space and try again; nothing was lost.`,
      { cause: err },
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new VigilError(
    'IO_ERROR',
    `Could not finish ${what} (${detail}). Check that the drive is connected and writable, then try again.`,
    { cause: err },
  );
}

/**
 * Flushes a folder's entries to disk, so a file created or renamed in it survives a power loss.
 * Platforms that cannot open a folder for fsync (Windows) make this a no-op.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (err) {
    if (DIR_FSYNC_UNSUPPORTED.has(errnoCode(err) ?? '')) return;
    throw toIoError(err, `syncing the folder ${dir}`);
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!DIR_FSYNC_UNSUPPORTED.has(errnoCode(err) ?? '')) throw toIoError(err, `syncing the folder ${dir}`);
  } finally {
    await handle.close();
  }
}

/** A fresh, hidden temp name beside `file`, so the final rename stays within one file system. */
export function tempPathFor(file: string): string {
  const dir = path.dirname(file);
  return path.join(dir, `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
}

/** Writes all of `data` to a new file (created exclusively) and flushes it to the disk. */
async function writeDurable(tmp: string, data: Uint8Array | string, mode: number): Promise<void> {
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` with `data` so that, after a crash at any moment, the file holds
 * either its old content or the new content in full, never a mix or a half.
 * New files default to mode 0o600: everything a vault writes is private to its user.
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  opts?: { mode?: number },
): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    await writeDurable(tmp, data, opts?.mode ?? 0o600);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw toIoError(err, `writing ${path.basename(file)}`);
  }
  await fsyncDir(path.dirname(file));
}

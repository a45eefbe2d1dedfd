import { mkdir, mkdtemp, open, rename, rm, rmdir, lstat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isVigilError, VigilError } from '../../../shared/errors';
import { ByteSource, chunkwise } from './byte-source';
import { DEFAULT_EXTRACT_LIMITS, EntryGuard, type CheckedEntry, type ExtractLimits } from './entry-guard';
import { walkTar } from './tar-walk';

export { DEFAULT_EXTRACT_LIMITS, type CheckedEntry, type ExtractLimits } from './entry-guard';

type FileHandler = (entry: CheckedEntry, body: AsyncGenerator<Buffer>) => Promise<void>;

function resolveLimits(limits: Partial<ExtractLimits> | undefined): ExtractLimits {
  const merged = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new VigilError('INVALID_INPUT', `The extraction limit ${key} must be a whole number of at least 0.`);
  }
  return merged;
}

/** Walks and checks every entry, handing files to `onFile`; returns the bag folder name. */
async function walkChecked(input: Readable, limits: ExtractLimits, onDir: (e: CheckedEntry) => Promise<void>, onFile: FileHandler): Promise<string> {
  const guard = new EntryGuard(limits);
  const src = new ByteSource(chunkwise(input));
  try {
    for await (const raw of walkTar(src)) {
      const entry = guard.check(raw.name, raw.type, raw.typeflag, raw.size);
      if (entry === null) continue;
      if (entry.kind === 'directory') await onDir(entry);
      else await onFile(entry, raw.body());
    }
  } catch (err) {
    await src.close().catch(() => undefined);
    throw err;
  }
  if (guard.top === null) throw new VigilError('PACKAGE_INVALID', 'The archive is empty: it holds no bag folder.');
  return guard.top;
}

function fsError(err: unknown, what: string): VigilError {
  if (isVigilError(err)) return err;
  if ((err as NodeJS.ErrnoException | null)?.code === 'ENOSPC') {
    return new VigilError('DISK_FULL', `The disk filled up while ${what}; nothing was kept. Free some space and try again.`, { cause: err });
  }
  return new VigilError('IO_ERROR', `Writing failed while ${what}; nothing was kept. Check the folder and try again.`, { cause: err });
}

/** File data gathered before each write: one system call per megabyte, not per 64 KiB piece. */
const WRITE_BATCH_BYTES = 1024 * 1024;

/** Writes all of `data`, however many calls that takes. */
async function writeAll(fh: FileHandle, data: Buffer): Promise<void> {
  for (let done = 0; done < data.length; ) done += (await fh.write(data, done)).bytesWritten;
}

/**
 * Writes `body` to a new file through `batch` (reused from file to file): the pieces are
 * copied and let go at once, so they die young and cost the garbage collector little.
 */
async function writeNewFile(target: string, body: AsyncGenerator<Buffer>, batch: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  // 'wx': never follow or overwrite anything already there.
  const fh = await open(target, 'wx', 0o600);
  try {
    let used = 0;
    for await (const chunk of body) {
      for (let off = 0; off < chunk.length; ) {
        const n = chunk.copy(batch, used, off);
        used += n;
        off += n;
        if (used === batch.length) {
          await writeAll(fh, batch);
          used = 0;
        }
      }
    }
    await writeAll(fh, batch.subarray(0, used));
  } finally {
    await fh.close();
  }
}

/** Creates `dir` if missing; true when this call created it (so a failure removes it again). */
async function ensureDir(dir: string): Promise<boolean> {
  try {
    return (await mkdir(dir, { recursive: true, mode: 0o700 })) !== undefined;
  } catch (err) {
    throw fsError(err, `creating ${dir}`);
  }
}

/** What extractTar produced: the bag folder and its files ('/' separated, relative to it). */
export interface Extracted {
  bagDir: string;
  files: string[];
}

/**
 * Extracts a tar holding one bag folder into `destDir`, refusing anything unsafe (see
 * EntryGuard and walkTar). Works in a fresh hidden folder and moves the bag into place only
 * when the whole archive passed; on any failure nothing is left behind.
 */
export async function extractTar(input: Readable, destDir: string, limits?: Partial<ExtractLimits>): Promise<Extracted> {
  const lim = resolveLimits(limits);
  const batch = Buffer.allocUnsafeSlow(WRITE_BATCH_BYTES);
  const created = await ensureDir(destDir);
  let work: string | null = null;
  try {
    const root = await mkdtemp(path.join(destDir, '.vigil-extract-')).catch((err: unknown) => Promise.reject(fsError(err, `preparing ${destDir}`)));
    work = root;
    const files: string[] = [];
    const local = (p: string): string => path.join(root, ...p.split('/'));
    const top = await walkChecked(
      input,
      lim,
      async (e) => {
        await mkdir(local(e.path), { recursive: true, mode: 0o700 }).catch((err: unknown) => Promise.reject(fsError(err, 'extracting the package')));
      },
      async (e, body) => {
        await writeNewFile(local(e.path), body, batch).catch((err: unknown) => Promise.reject(fsError(err, 'extracting the package')));
        files.push(e.inBag);
      },
    );
    const bagDir = path.join(destDir, top);
    if (await lstat(bagDir).then(() => true, () => false)) {
      throw new VigilError('INVALID_INPUT', `${bagDir} already exists; extract into an empty folder.`);
    }
    await rename(local(top), bagDir).catch((err: unknown) => Promise.reject(fsError(err, `moving the bag into ${destDir}`)));
    await rmdir(root);
    return { bagDir, files };
  } catch (err) {
    if (work !== null) await rm(work, { recursive: true, force: true });
    if (created) await rmdir(destDir).catch(() => undefined);
    throw err;
  }
}

/**
 * Reads a tar holding one bag folder without writing anything, with the same checks as
 * extractTar: `onDir` gets each folder, `onFile` each file with its bytes as they come
 * (what it leaves unread is skipped). Returns the bag folder's name.
 */
export function walkPackageTar(input: Readable, limits: Partial<ExtractLimits> | undefined, onDir: (e: CheckedEntry) => Promise<void>, onFile: FileHandler): Promise<string> {
  return walkChecked(input, resolveLimits(limits), onDir, onFile);
}

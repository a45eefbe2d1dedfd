/**
 * Adding files from the interface as one task: the batch ingest of the core,
 * with progress summed over all files (the core reports bytes per file) and
 * cancellation between chunks (the core's blob writer checks the signal).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { addFileItems } from '../evidence/item-ingest';
import { toItemRow, type ItemRow } from '../evidence/item-views';
import type { TaskContext } from '../session/tasks';
import type { Vault } from '../vault/vault';

/** Sizes of the files to add (0 for a file that cannot be read; the ingest then names the problem). */
async function fileSizes(paths: string[]): Promise<number[]> {
  return Promise.all(paths.map(async (p) => (await fsp.stat(p).catch(() => null))?.size ?? 0));
}

/**
 * Turns per-file byte counts into a running total. The core reports the bytes
 * of the file it is storing; a count that restarts, or follows a finished file,
 * means the next file began. Empty files report nothing and are skipped.
 */
export function totalBytesTracker(
  paths: string[],
  sizes: number[],
  report: TaskContext['report'],
): (bytes: number) => void {
  const files = paths.map((p, i) => ({ name: path.basename(p), size: sizes[i] ?? 0 })).filter((f) => f.size > 0);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let index = 0;
  let base = 0;
  let inFile = 0;
  return (bytes) => {
    const current = files[index];
    if (current && inFile > 0 && (bytes < inFile || inFile >= current.size)) {
      base += inFile;
      index += 1;
    }
    inFile = bytes;
    report(Math.min(base + inFile, total), total, files[index]?.name);
  };
}

/** Adds `paths` to case `caseId`, reporting bytes; resolves with the added items in order. */
export async function addFilesTask(
  vault: Vault,
  caseId: string,
  paths: string[],
  ctx: TaskContext,
): Promise<ItemRow[]> {
  const sizes = await fileSizes(paths);
  const total = sizes.reduce((a, b) => a + b, 0);
  ctx.report(0, total);
  const added: ItemRow[] = [];
  await addFileItems(
    vault,
    paths,
    { caseId, signal: ctx.signal, onProgress: totalBytesTracker(paths, sizes, ctx.report) },
    (item) => added.push(toItemRow(item)),
  );
  ctx.report(total, total);
  return added;
}

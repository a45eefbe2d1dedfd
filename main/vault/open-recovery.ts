/**
 * What opening a vault puts right after a crash, holding the vault lock and before anything
 * else runs: an interrupted key-slot change is finished or dropped (header-change.ts), objects
 * a killed add or import stored but never recorded are removed and recorded ones published
 * (BlobStore.settleStaged), files an export wrote outside the vault take their names if it was
 * recorded and are removed if not (publications.ts), and temp files of the lock are removed.
 */
import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../blobs/blob-store';
import type { Db } from './database';
import { reconcileHeader, type HeaderRecovery } from './header-change';
import { settlePublications, type PublicationRecovery } from './publications';

/** What was found and put right when the vault was opened. */
export interface OpenRecovery {
  header: HeaderRecovery;
  /** Objects left in staged/: published (recorded before the crash) or removed (never recorded). */
  objects: { published: number; removed: number };
  /** Files an interrupted export wrote outside the vault. */
  exports: PublicationRecovery;
}

/** Temp files of the lock (writeFileAtomic-style names): under the lock, nobody else is writing one. */
const LOCK_TEMP = /^\.vault\.lock\.[0-9a-f]{16}\.tmp$/;

/** Puts right what a crash left half done; see the file comment. */
export async function recoverOnOpen(dir: string, db: Db, blobs: BlobStore): Promise<OpenRecovery> {
  const header = await reconcileHeader(dir, db);
  const referenced = db.prepare('SELECT 1 FROM objects WHERE id = ?').pluck();
  const objects = await blobs.settleStaged((id) => referenced.get(id) !== undefined);
  const exports = await settlePublications(db);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => LOCK_TEMP.test(n))) await unlink(path.join(dir, name)).catch(() => undefined);
  return { header, objects, exports };
}

/** Sentences for the person who unlocked, one per thing put right (none when nothing was). */
export function describeRecovery(r: OpenRecovery): string[] {
  const lines: string[] = [];
  if (r.header === 'completed')
    lines.push(
      'An interrupted change of passphrases, members or the recovery code had been recorded; it is now finished.',
    );
  if (r.header === 'created')
    lines.push(
      'Creating this vault was interrupted just after it was recorded; it is now finished. Its recovery code was ' +
        'never shown: make a new one now (vigil passwd <vault> recovery, or Settings in the app).',
    );
  if (r.header === 'dropped')
    lines.push(
      'An interrupted change of passphrases, members or the recovery code had not been recorded, so it did not ' +
        'happen; make it again if it is still wanted.',
    );
  if (r.objects.removed > 0)
    lines.push(`Removed ${r.objects.removed} stored object(s) that an interrupted add or import never recorded.`);
  if (r.objects.published > 0)
    lines.push(`Finished storing ${r.objects.published} object(s) recorded just before an interruption.`);
  for (const file of r.exports.finished)
    lines.push(`Finished the export to ${file} (with its receipt): it was recorded just before an interruption.`);
  for (const file of r.exports.removed)
    lines.push(
      `Removed the partial files of an export to ${file} that was interrupted before it was recorded; export ` +
        `again if it is still wanted.`,
    );
  for (const file of r.exports.unreachable)
    lines.push(
      `An interrupted export to ${file} could not be finished or cleaned up: its folder is not there. Connect ` +
        `the drive and unlock again.`,
    );
  return lines;
}

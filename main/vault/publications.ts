/**
 * Files a change writes outside the vault folder (an export's package, receipt and signature)
 * appear under their final names only after the change is recorded. Each is written to
 * `<final>.<8 hex>.partial` beside its final name; the set is journalled in `publications`
 * before the first byte is written; the transaction that records the change marks it
 * committed; then the files are renamed, in order (the package last), and the row goes.
 * A crash leaves a row that unlocking settles: uncommitted, its partial files are removed;
 * committed, the renames are finished. So a file under a final name is always complete and
 * recorded, and a partial one never looks complete.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { access, link, lstat, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { errnoCode, fsyncDir, linkUnsupported } from '../fs/atomic';
import type { Db, ReadDb } from './database';

/** One file of a publication: where it is written, and the name it takes once recorded. */
interface PublishedFile {
  partial: string;
  final: string;
}

/** A journalled set of files, renamed in the order given. */
export interface Publication {
  id: string;
  files: PublishedFile[];
}

/** What unlocking did with the publications a crash interrupted. */
export interface PublicationRecovery {
  /** Recorded publications whose files now have their final names, each named by its last file (the package). */
  finished: string[];
  /** Publications never recorded, whose partial files were removed, each named by its last file's final name. */
  removed: string[];
  /** Publications whose folder could not be reached (a drive not connected): kept for a later unlock. */
  unreachable: string[];
}

/** The temporary name of `final`: beside it, visibly partial. */
function partialName(final: string, tag: string): string {
  return `${final}.${tag}.partial`;
}

/** Journals a publication of `finals` (absolute paths, in renaming order), committed at once on its own. */
export function beginPublication(db: Db, finals: string[]): Publication {
  const tag = randomBytes(4).toString('hex');
  const publication = { id: randomUUID(), files: finals.map((final) => ({ partial: partialName(final, tag), final })) };
  db.prepare('INSERT INTO publications (id, files, committed, started_at) VALUES (?, ?, 0, ?)').run(
    publication.id,
    JSON.stringify(publication.files),
    new Date().toISOString(),
  );
  return publication;
}

/** Marks a publication recorded: call it inside the transaction that records the change. */
export function markPublicationCommitted(db: Db, id: string): void {
  db.prepare('UPDATE publications SET committed = 1 WHERE id = ?').run(id);
}

/** Flushes the folders of a publication's partial files, so they outlive a power cut before the record commits. */
export async function flushPublication(publication: Publication): Promise<void> {
  for (const dir of new Set(publication.files.map((f) => path.dirname(f.partial)))) await fsyncDir(dir);
}

/** Whether a path exists (a link counts). */
async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    (err: unknown) => errnoCode(err) !== 'ENOENT',
  );
}

/** Whether two paths name the same file (a hard link). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([lstat(a).catch(() => null), lstat(b).catch(() => null)]);
  return x !== null && y !== null && x.dev === y.dev && x.ino === y.ino;
}

/**
 * Gives a partial file its final name without ever replacing a file: a hard link fails when
 * the name is taken; where links are unsupported (FAT/exFAT) the name is checked, then renamed.
 */
async function takeName(partial: string, final: string): Promise<void> {
  try {
    await link(partial, final);
    await unlink(partial);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST')
      throw new VigilError(
        'INVALID_INPUT',
        `${final} appeared while it was being written and was not overwritten; the file is kept as ${partial}.`,
      );
    if (!linkUnsupported(err)) throw err;
    if (await exists(final))
      throw new VigilError(
        'INVALID_INPUT',
        `${final} appeared while it was being written and was not overwritten; the file is kept as ${partial}.`,
      );
    await rename(partial, final);
  }
}

/**
 * Renames a recorded publication's files to their final names, in order, and drops its row.
 * A file already renamed is skipped, so this also finishes one a crash interrupted. A name
 * taken meanwhile is never overwritten: that file keeps its partial name and the error says so.
 */
export async function finishPublication(db: Db, publication: Publication): Promise<void> {
  try {
    for (const { partial, final } of publication.files) {
      if (!(await exists(partial)) && (await exists(final))) continue;
      // Killed between the link and the unlink: both names are the one file.
      if (await sameFile(partial, final)) await unlink(partial);
      else await takeName(partial, final);
    }
    await flushPublication(publication);
  } finally {
    db.prepare('DELETE FROM publications WHERE id = ?').run(publication.id);
  }
}

/** Removes the partial files of a publication that was not recorded, and its row. */
export async function abandonPublication(db: Db, publication: Publication): Promise<void> {
  for (const { partial } of publication.files) await unlink(partial).catch(() => undefined);
  db.prepare('DELETE FROM publications WHERE id = ?').run(publication.id);
}

/** Every publication a crash left, oldest first. */
function pendingPublications(db: ReadDb): (Publication & { committed: boolean })[] {
  const rows = db.prepare('SELECT id, files, committed FROM publications ORDER BY started_at, id').all() as {
    id: string;
    files: string;
    committed: number;
  }[];
  return rows.map((r) => ({ id: r.id, files: JSON.parse(r.files) as PublishedFile[], committed: r.committed === 1 }));
}

/** Whether every folder of a publication is there (a removable drive may not be connected yet). */
async function reachable(publication: Publication): Promise<boolean> {
  for (const dir of new Set(publication.files.map((f) => path.dirname(f.final)))) {
    if (
      !(await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      return false;
  }
  return true;
}

/** At unlock, holding the vault lock: finishes recorded publications and removes the partial files of the others. */
export async function settlePublications(db: Db): Promise<PublicationRecovery> {
  const outcome: PublicationRecovery = { finished: [], removed: [], unreachable: [] };
  for (const publication of pendingPublications(db)) {
    const name = publication.files.at(-1)?.final ?? publication.id;
    if (!(await reachable(publication))) {
      outcome.unreachable.push(name);
    } else if (!publication.committed) {
      await abandonPublication(db, publication);
      outcome.removed.push(name);
    } else {
      // A name taken meanwhile keeps that file (and those after it) partial: never overwritten.
      const finished = await finishPublication(db, publication).then(
        () => true,
        () => false,
      );
      if (finished) outcome.finished.push(name);
    }
  }
  return outcome;
}

/**
 * What `vigil add` and `vigil item add` were given, and adding it: files as given, folders
 * walked into their regular files (names read as bytes, so names that are not UTF-8 are
 * kept), with a line for everything skipped and a count at the end.
 */
import { lstat, stat } from 'node:fs/promises';
import { VigilError } from '../../../shared/errors';
import { printable } from '../../../shared/printable';
import { readableName } from '../../fs/file-names';
import { SKIP_REASONS, walkFiles, type SkipReason } from '../../fs/walk-files';
import { addFileItem, addFileItems, type AddedItem } from '../../evidence/item-ingest';
import type { AddFileOptions } from '../../evidence/item-stage';
import type { Vault } from '../../vault/vault';
import { out, outJson, progressBar } from '../output';

/** One file to add: its path (bytes when it was found in a folder) and how to show it. */
export interface AddSource {
  path: string | Buffer;
  /**
   * The readable path. Lines for a person pass it through printable(): a name may hold a line break or a terminal
   * escape that would forge an acknowledgement line or wipe the ones above; --json keeps it as read.
   */
  shown: string;
}

/** The files to add, what was skipped inside folders, and whether any argument was a folder. */
interface Gathered {
  files: AddSource[];
  skipped: { shown: string; reason: SkipReason }[];
  folders: boolean;
}

const PROGRESS_THRESHOLD = 32 * 1024 * 1024;

/**
 * Resolves the arguments before anything is stored, so a folder that cannot be read stops
 * the command with nothing added. A file argument is taken as given (the ingest refuses
 * links and devices, and explains a name that is not UTF-8).
 */
export async function gatherSources(args: string[], opts: { skipHidden?: boolean; title?: string }): Promise<Gathered> {
  const gathered: Gathered = { files: [], skipped: [], folders: false };
  for (const arg of args) {
    const st = await lstat(arg).catch(() => null);
    if (!st?.isDirectory()) {
      gathered.files.push({ path: arg, shown: arg });
      continue;
    }
    gathered.folders = true;
    for (const entry of await walkFiles(arg, { skipHidden: opts.skipHidden === true })) {
      if (entry.kind === 'file') gathered.files.push({ path: entry.path, shown: entry.shown });
      else gathered.skipped.push({ shown: entry.shown, reason: entry.reason });
    }
  }
  if (gathered.folders && opts.title !== undefined) {
    throw new VigilError(
      'INVALID_INPUT',
      "--title names one item, and a folder's files are titled by their names. Leave out --title, or add the " +
        'files one at a time.',
    );
  }
  return gathered;
}

/**
 * Adds the files: small ones in batches (one flush and one transaction each), a large one
 * alone with a progress bar. `acknowledge` is called only once an item is committed and
 * durable. Resolves to the number added.
 */
export async function addSources(
  vault: Vault,
  files: AddSource[],
  base: AddFileOptions,
  acknowledge: (item: AddedItem, source: AddSource) => void,
): Promise<number> {
  let added = 0;
  const ack = (item: AddedItem, source: AddSource): void => {
    added++;
    acknowledge(item, source);
  };
  let small: AddSource[] = [];
  const addSmall = async (): Promise<void> => {
    const shown = new Map(small.map((s) => [s.path, s]));
    await addFileItems(
      vault,
      small.map((s) => s.path),
      base,
      (item, p) => ack(item, shown.get(p) ?? { path: p, shown: String(p) }),
    );
    small = [];
  };
  for (const source of files) {
    const size = (await stat(source.path).catch(() => null))?.size ?? 0;
    if (size < PROGRESS_THRESHOLD) {
      small.push(source);
      continue;
    }
    await addSmall();
    const bar = progressBar(source.shown, size);
    const item = await addFileItem(vault, source.path, { ...base, onProgress: bar.update });
    bar.finish();
    ack(item, source);
  }
  await addSmall();
  return added;
}

/** Reports the entries skipped inside folders, one line (or JSON object) each. */
export function reportSkipped(skipped: Gathered['skipped'], json: boolean): void {
  for (const s of skipped) {
    if (json) outJson({ skipped: s.shown, reason: s.reason });
    else out(`skipped  ${printable(s.shown)}  (${SKIP_REASONS[s.reason]})`);
  }
}

/** The count at the end of adding folders. */
export function reportSummary(added: number, skipped: number, json: boolean): void {
  if (json) outJson({ summary: { added, skipped } });
  else out(`${added} added, ${skipped} skipped.`);
}

/** A note on an item whose recorded name (base64 bytes) is not UTF-8: how its readable form was made. */
export function rawNameNote(fileNameRaw: string): string {
  const { shownAs } = readableName(Buffer.from(fileNameRaw, 'base64'));
  return (
    `file name not valid UTF-8: ` +
    `${shownAs === 'cp1251' ? 'read as cp1251' : 'shown with \\xNN for the bytes that are not UTF-8'}`
  );
}

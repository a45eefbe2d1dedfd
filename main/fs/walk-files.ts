/**
 * The regular files under a folder, for adding a folder as evidence. Names are read as
 * bytes (`readdir` with `encoding: 'buffer'`) and files are later opened by Buffer paths,
 * so names that are not UTF-8 still name their files. Links are never followed.
 */
import { promises as fsp, type Stats } from 'node:fs';
import { VigilError } from '../../shared/errors';
import { joinRaw, readableName } from './file-names';

/** Why an entry under the folder was not taken. */
export type SkipReason = 'symlink' | 'fifo' | 'socket' | 'device' | 'hidden' | 'seen';

/** What each skip reason means, for a person reading the report. */
export const SKIP_REASONS: Record<SkipReason, string> = {
  symlink: 'a symbolic link, not followed: add the file it points to instead',
  fifo: 'a named pipe, not a file',
  socket: 'a socket, not a file',
  device: 'a device, not a file',
  hidden: 'hidden (--skip-hidden)',
  seen: 'a folder already walked (mounted twice)',
};

/** One entry found: a regular file to add, or something skipped and why. `shown` is its readable path. */
type WalkEntry =
  { kind: 'file'; path: Buffer; shown: string } | { kind: 'skipped'; path: Buffer; shown: string; reason: SkipReason };

/** Options of a walk. */
interface WalkOptions {
  /** Leave out (and report) names starting with ".", and everything under such folders. */
  skipHidden?: boolean;
  /** At most this many files (default 100,000): a folder that holds more is refused before anything is added. */
  maxFiles?: number;
}

const DEFAULT_MAX_FILES = 100_000;

/**
 * Every regular file under `root` (a folder), in byte order of names, depth first, and
 * every entry skipped. A folder that cannot be read fails the whole walk: nothing under it
 * is silently left out.
 */
export async function walkFiles(root: string, opts: WalkOptions = {}): Promise<WalkEntry[]> {
  const top = root.length > 1 ? root.replace(/\/+$/, '') : root;
  const found: WalkEntry[] = [];
  const state = {
    files: 0,
    seen: new Set<string>(),
    max: opts.maxFiles ?? DEFAULT_MAX_FILES,
    skipHidden: opts.skipHidden === true,
    root: top,
  };
  await walkFolder(Buffer.from(top), top, await statOf(Buffer.from(top), top), found, state);
  return found;
}

interface WalkState {
  files: number;
  seen: Set<string>;
  max: number;
  skipHidden: boolean;
  root: string;
}

async function walkFolder(
  dir: Buffer,
  shown: string,
  stat: Stats,
  found: WalkEntry[],
  state: WalkState,
): Promise<void> {
  const key = `${stat.dev}:${stat.ino}`;
  if (state.seen.has(key)) {
    found.push({ kind: 'skipped', path: dir, shown, reason: 'seen' });
    return;
  }
  state.seen.add(key);
  let names: Buffer[];
  try {
    names = await fsp.readdir(dir, { encoding: 'buffer' });
  } catch (cause) {
    throw new VigilError(
      'INVALID_INPUT',
      `The folder ${shown} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}); nothing was added.`,
      { cause },
    );
  }
  for (const name of names.sort(Buffer.compare)) {
    const path = joinRaw(dir, name);
    const entryShown = `${shown === '/' ? '' : shown}/${readableName(name).shown}`;
    if (state.skipHidden && name[0] === 0x2e) {
      found.push({ kind: 'skipped', path, shown: entryShown, reason: 'hidden' });
      continue;
    }
    const entry = await statOf(path, entryShown);
    if (entry.isDirectory()) await walkFolder(path, entryShown, entry, found, state);
    else if (entry.isFile()) {
      if (++state.files > state.max) {
        throw new VigilError(
          'INVALID_INPUT',
          `${state.root} holds more than ${state.max.toLocaleString('en')} files; add its folders one at a ` +
            `time. Nothing was added.`,
        );
      }
      found.push({ kind: 'file', path, shown: entryShown });
    } else found.push({ kind: 'skipped', path, shown: entryShown, reason: skipReason(entry) });
  }
}

async function statOf(path: Buffer, shown: string): Promise<Stats> {
  try {
    return await fsp.lstat(path);
  } catch (cause) {
    throw new VigilError(
      'INVALID_INPUT',
      `${shown} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}); nothing was added.`,
      { cause },
    );
  }
}

function skipReason(stat: Stats): SkipReason {
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isSocket()) return 'socket';
  return 'device';
}

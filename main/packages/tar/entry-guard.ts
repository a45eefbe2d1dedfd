import { assertNever, VigilError } from '../../../shared/errors';
import { collisionKey, quotePath, relativePathProblem } from './safe-path';
import type { TarEntryType } from './tar-format';

/** Bounds on what an untrusted archive may make us write or read. */
export interface ExtractLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

/** 100,000 entries and 64 GiB: far beyond a real case, small enough to stop a bomb. */
export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 64 * 1024 ** 3,
  maxTotalBytes: 64 * 1024 ** 3,
};

/** An entry that passed every check: its path inside the bag folder, '/' separated. */
export interface CheckedEntry {
  kind: 'file' | 'directory';
  /** The archive path, normalised: `<bag>/<inBag>`. */
  path: string;
  /** The path inside the bag folder. */
  inBag: string;
  size: number;
}

interface Seen {
  name: string;
  kind: 'file' | 'directory';
  explicit: boolean;
}

function refuse(name: string, why: string): VigilError {
  return new VigilError(
    'PACKAGE_INVALID',
    `The package entry ${quotePath(name)} ${why}; the package was refused and nothing was kept.`,
  );
}

function typeProblem(type: TarEntryType, typeflag: string): string | null {
  switch (type) {
    case 'file':
    case 'directory':
      return null;
    case 'symlink':
      return 'is a symbolic link, which a package may not contain';
    case 'hardlink':
      return 'is a hard link, which a package may not contain';
    case 'char-device':
    case 'block-device':
      return 'is a device file, which a package may not contain';
    case 'fifo':
      return 'is a FIFO (named pipe), which a package may not contain';
    case 'pax':
    case 'pax-global':
    case 'gnu-long-name':
    case 'gnu-long-link':
    case 'other':
      return `has an unsupported entry type (${JSON.stringify(typeflag)})`;
    default:
      return assertNever(type, 'tar entry type');
  }
}

/**
 * Checks archive entries one by one against the package rules: files and folders only,
 * safe relative paths inside one top-level folder, no duplicates or look-alike names,
 * and the count and size limits. Keeps one small record per name.
 */
export class EntryGuard {
  /** The single top-level (bag) folder, once the first entry named it. */
  top: string | null = null;
  private count = 0;
  private total = 0;
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly limits: ExtractLimits) {}

  /** Checks one entry; returns null for a `./` root entry that carries nothing. */
  check(rawName: string, type: TarEntryType, typeflag: string, size: number): CheckedEntry | null {
    const typeWhy = typeProblem(type, typeflag);
    if (typeWhy !== null) throw refuse(rawName, typeWhy);
    if (++this.count > this.limits.maxEntries)
      throw refuse(rawName, `goes past the limit of ${this.limits.maxEntries} entries`);
    const kind = type === 'directory' ? 'directory' : 'file';
    let name = rawName.startsWith('./') ? rawName.slice(2) : rawName;
    if (kind === 'directory') {
      if (name === '' || name === '.') return null;
      if (name.endsWith('/')) name = name.slice(0, -1);
      if (size !== 0) throw refuse(rawName, 'is a folder that carries data');
    }
    const pathWhy = relativePathProblem(name);
    if (pathWhy !== null) throw refuse(rawName, pathWhy);
    this.checkSize(rawName, kind, size);
    const slash = name.indexOf('/');
    this.checkTop(rawName, slash === -1 ? name : name.slice(0, slash), kind === 'file' && slash === -1);
    this.checkName(rawName, name, kind);
    return { kind, path: name, inBag: slash === -1 ? '' : name.slice(slash + 1), size };
  }

  private checkSize(rawName: string, kind: 'file' | 'directory', size: number): void {
    if (kind === 'directory') return;
    if (size > this.limits.maxEntryBytes)
      throw refuse(rawName, `is ${size} bytes, over the limit of ${this.limits.maxEntryBytes} bytes for one file`);
    this.total += size;
    if (this.total > this.limits.maxTotalBytes)
      throw refuse(rawName, `brings the package over the limit of ${this.limits.maxTotalBytes} bytes in all`);
  }

  private checkTop(rawName: string, first: string, isTopFile: boolean): void {
    if (isTopFile) throw refuse(rawName, 'is outside the bag folder (a package holds exactly one folder)');
    if (this.top === null) this.top = first;
    else if (first !== this.top)
      throw refuse(rawName, `is outside the bag folder ${quotePath(this.top)} (a package holds exactly one folder)`);
  }

  private checkName(rawName: string, name: string, kind: 'file' | 'directory'): void {
    const segments = name.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      const key = collisionKey(parent);
      const prior = this.seen.get(key);
      if (prior === undefined) this.seen.set(key, { name: parent, kind: 'directory', explicit: false });
      else if (prior.kind === 'file')
        throw refuse(rawName, `needs ${quotePath(prior.name)} to be a folder, but it is a file`);
      else if (prior.name !== parent)
        throw refuse(rawName, `collides with ${quotePath(prior.name)} on systems that ignore case or Unicode form`);
    }
    const key = collisionKey(name);
    const prior = this.seen.get(key);
    if (prior === undefined) {
      this.seen.set(key, { name, kind, explicit: true });
      return;
    }
    if (prior.name !== name)
      throw refuse(rawName, `collides with ${quotePath(prior.name)} on systems that ignore case or Unicode form`);
    // A folder entry may come after files inside it; anything else named twice is a duplicate.
    if (kind === 'directory' && prior.kind === 'directory' && !prior.explicit) {
      prior.explicit = true;
      return;
    }
    throw refuse(rawName, 'appears twice in the archive');
  }
}

/**
 * Path grants: the only way a path reaches the core from the window.
 *
 * The window is treated as hostile. It never names a file; it holds opaque,
 * random, one-use grant ids that the main process issued for what the person
 * chose in a native dialog or dropped on the window. A grant is bound to the
 * path and to what it may be used for (read a file, open or create a vault
 * folder, write a new file), expires, and is spent by the first use that
 * succeeds. A use that fails (a wrong passphrase, a cancelled export) gives it
 * back, so the person can try again without choosing the file a second time.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { VigilError } from '../../shared/errors';

/** What a grant lets the core do with its path. */
export type GrantKind = 'read-file' | 'folder' | 'save-file';

/** A granted path as the window sees it: the id to send back, and words to show. */
export interface GrantedPath {
  grant: string;
  /** The last part of the path (file or folder name). */
  name: string;
  /** The whole path, only for showing the person what they chose. */
  label: string;
}

interface Entry {
  path: string;
  kind: GrantKind;
  expires: number;
}

/** Options of a PathGrants registry. */
interface PathGrantsOptions {
  /** How long an unused grant stays valid; default one hour. */
  ttlMs?: number;
  /** Most grants outstanding at once; the oldest is dropped past it. Default 20,000. */
  max?: number;
  /** The clock (tests). */
  now?: () => number;
}

const GRANT_PREFIX = 'grant-';
/** A grant id: the prefix and 128 random bits in base64url. */
export const GRANT_ID_PATTERN = /^grant-[A-Za-z0-9_-]{22}$/;

const KIND_WORDS: Record<GrantKind, string> = {
  'read-file': 'a file to read',
  folder: 'a vault folder',
  'save-file': 'a file to write',
};

function refused(why: string): VigilError {
  return new VigilError(
    'NOT_GRANTED',
    `${why} Vigil only reads or writes files and folders you chose in one of its dialogs or dropped on its ` +
      `window. Choose it again.`,
  );
}

/** The registry of outstanding grants of one app (one per main process). */
export class PathGrants {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;
  /** Bumped by clear(), so a use that ends after a lock does not give its grant back. */
  private generation = 0;

  constructor(opts: PathGrantsOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
    this.max = opts.max ?? 20_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Issues a grant for `target` (made absolute); only main-process code that got the path from the person calls this.
   */
  issue(target: string, kind: GrantKind): GrantedPath {
    const absolute = path.resolve(target);
    const grant = `${GRANT_PREFIX}${randomBytes(16).toString('base64url')}`;
    this.entries.set(grant, { path: absolute, kind, expires: this.now() + this.ttlMs });
    // Map keeps insertion order: the first key is the oldest grant.
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    return { grant, name: path.basename(absolute) || absolute, label: absolute };
  }

  /**
   * Spends grant `id` for a use of `kind` and returns its path; NOT_GRANTED when it is unknown, spent, expired or of
   * another kind.
   */
  take(id: string, kind: GrantKind): string {
    const entry = this.lookup(id, kind);
    this.entries.delete(id);
    return entry.path;
  }

  /**
   * Runs `fn` with the path of grant `id`. The grant is spent when `fn` succeeds;
   * when it fails, the grant is given back (same id, same expiry) and the error passes on.
   */
  async use<T>(id: string, kind: GrantKind, fn: (target: string) => Promise<T>): Promise<T> {
    return this.useAll([id], kind, (targets) => fn(targets[0] ?? ''));
  }

  /** Like use(), for several grants of one kind: all are spent, or none when any is refused or `fn` fails. */
  async useAll<T>(ids: readonly string[], kind: GrantKind, fn: (targets: string[]) => Promise<T>): Promise<T> {
    if (new Set(ids).size !== ids.length) throw refused('The same chosen file was named twice in one request.');
    const taken = ids.map((id) => [id, this.lookup(id, kind)] as const);
    const generation = this.generation;
    for (const [id] of taken) this.entries.delete(id);
    try {
      return await fn(taken.map(([, entry]) => entry.path));
    } catch (err) {
      // A lock in between (clear()) revoked them for good.
      if (generation === this.generation) for (const [id, entry] of taken) this.entries.set(id, entry);
      throw err;
    }
  }

  /** Forgets every grant (the vault was locked). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** How many grants are outstanding (tests). */
  get size(): number {
    return this.entries.size;
  }

  /** The live entry of `id` for a use of `kind`; NOT_GRANTED otherwise (an expired one is dropped). */
  private lookup(id: string, kind: GrantKind): Entry {
    const entry = this.entries.get(id);
    if (entry === undefined)
      throw refused('This file or folder was not chosen in this window, or it was already used.');
    if (entry.expires <= this.now()) {
      this.entries.delete(id);
      throw refused('The file or folder was chosen too long ago.');
    }
    if (entry.kind !== kind) throw refused(`It was chosen as ${KIND_WORDS[entry.kind]}, not as ${KIND_WORDS[kind]}.`);
    return entry;
  }
}

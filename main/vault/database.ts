import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { VigilError } from '../../shared/errors';

/** A writable handle on the vault's SQLCipher database. */
export type Db = Database.Database;

/**
 * A prepared statement as a reader may use it: there is no run(), and every toggle (pluck, raw…)
 * gives a reader's statement back, so a write cannot be reached through it.
 */
interface ReadStatement<P extends unknown[] = unknown[], R = unknown> {
  readonly source: string;
  readonly reader: boolean;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  pluck(toggleState?: boolean): ReadStatement<P, R>;
  expand(toggleState?: boolean): ReadStatement<P, R>;
  raw(toggleState?: boolean): ReadStatement<P, R>;
  safeIntegers(toggleState?: boolean): ReadStatement<P, R>;
  columns(): ReturnType<ReturnType<Db['prepare']>['columns']>;
}

/** A pragma that only reads: one that sets a value (`name = value`) does not compile. */
type ReadPragma<S extends string> = S extends `${string}=${string}` ? never : S;

/**
 * A handle for code that must only read. Its statements have no run() (above) and its pragmas
 * set nothing, so a reader cannot write by mistake; a writable Db is one, and readOnly() wraps
 * one so that a write prepared through it (even a SELECT-shaped one) throws.
 */
export interface ReadDb {
  prepare<P extends unknown[] | object = unknown[], R = unknown>(
    source: string,
  ): P extends unknown[] ? ReadStatement<P, R> : ReadStatement<[P], R>;
  pragma<S extends string>(source: ReadPragma<S>, options?: Database.PragmaOptions): unknown;
}

/**
 * `db` as a ReadDb that also refuses at run time any statement SQLite says would write
 * (INSERT … RETURNING can be read with get(), which the type allows).
 */
export function readOnly(db: Db): ReadDb {
  return {
    prepare: ((source: string) => {
      const statement = db.prepare(source);
      if (!statement.readonly)
        throw new VigilError(
          'INTERNAL',
          `A read-only use of the database prepared a statement that writes: ${source.slice(0, 60)}`,
        );
      return statement;
    }) as ReadDb['prepare'],
    pragma: (source, options) => {
      if (source.includes('='))
        throw new VigilError('INTERNAL', `A read-only use of the database set a pragma: ${source}`);
      return db.pragma(source, options);
    },
  };
}

/** The database file name inside a vault folder. */
export const DATABASE_FILE = 'vault.db';

/** SQL vigil_contains(text, needle): 1 when `text` holds `needle` (given lower-cased), case ignored in any script. */
function containsIgnoringCase(text: unknown, needle: unknown): number {
  return typeof text === 'string' && typeof needle === 'string' && text.toLowerCase().includes(needle) ? 1 : 0;
}

/**
 * What a failed write to the database means for the person using the vault. SQLite rolls
 * the transaction back, so the message can say that nothing of the change was saved.
 * Errors that are not about storage are returned as they are.
 */
export function writeFailure(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') {
    return new VigilError(
      'DISK_FULL',
      'The disk is full, so this change was not saved; the vault is as it was before it. Free some space and ' +
        'try again.',
      { cause: err },
    );
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) {
    return new VigilError(
      'IO_ERROR',
      `The vault's database could not be written (${code}), so this change was not saved; the vault is as it ` +
        `was before it. Check the disk, then try again.`,
      { cause: err },
    );
  }
  return err;
}

/** The files SQLite keeps beside the database in WAL mode. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Makes the database file and its side files private to the user (0600). SQLite creates a
 * new database 0644 less the umask, and gives its WAL and shared-memory files the mode of
 * the database file, so a private database file keeps them private too; a vault made by an
 * earlier version is tightened when it is opened for writing. Windows has no such modes.
 */
function keepPrivate(file: string, create: boolean): void {
  if (process.platform === 'win32') return;
  if (create) {
    try {
      closeSync(openSync(file, 'wx', 0o600));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  for (const f of [file, ...SIDE_FILES.map((s) => file + s)]) {
    try {
      chmodSync(f, 0o600);
    } catch (err) {
      // A file of another owner (a shared copy) opens as before; only its owner can change its mode.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw err;
    }
  }
}

/**
 * Opens (or creates) a SQLCipher 4 database with a raw 32-byte key.
 * The order of the pragmas matters: cipher and legacy select the SQLCipher 4
 * format, then the key; WAL with synchronous=FULL makes every committed
 * transaction durable before the call returns.
 */
export function openEncryptedDatabase(
  file: string,
  rawKey: Uint8Array,
  opts: { readonly?: boolean; create?: boolean } = {},
): Db {
  if (rawKey.length !== 32) throw new VigilError('INTERNAL', 'The database key must be 32 bytes.');
  let db: Db;
  try {
    if (!opts.readonly) keepPrivate(file, opts.create === true);
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  } catch (cause) {
    throw new VigilError(
      'VAULT_CORRUPT',
      `The vault database ${file} cannot be opened. Check that the folder is a Vigil vault and is readable.`,
      { cause },
    );
  }
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${Buffer.from(rawKey).toString('hex')}'"`);
    // The first read proves the key: SQLCipher only decrypts page 1 on demand.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    // Sorts and temporary indexes stay in memory: SQLCipher does not encrypt temp files.
    db.pragma('temp_store = MEMORY');
    // Every page read from disk is decrypted; a 64 MiB cache (default 2 MB) keeps the
    // search index's hot pages decrypted (search p95 over 1M segments halved).
    db.pragma('cache_size = -65536');
    // For text filters that ignore case in every script: LIKE and lower() know only ASCII
    // letters, and the people this is for write Ukrainian and Russian.
    db.function('vigil_contains', { deterministic: true }, containsIgnoringCase);
    return db;
  } catch (cause) {
    db.close();
    throw new VigilError(
      'VAULT_CORRUPT',
      'The vault database could not be decrypted or is damaged. The key slots opened, so the database file ' +
        'itself is unreadable: keep a copy of the folder and run "vigil verify".',
      { cause },
    );
  }
}

/** Runs SQLite's own integrity check (cipher pages included); returns the problems found, empty when sound. */
export function integrityProblems(db: ReadDb): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((msg) => msg !== 'ok');
  const cipher = db.pragma('cipher_integrity_check') as Record<string, string>[];
  for (const row of cipher) problems.push(...Object.values(row).map((v) => `cipher: ${v}`));
  return problems;
}

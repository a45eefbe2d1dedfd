import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VigilError } from '../../shared/errors';
import {
  createAgeEncryptStream,
  openAgeFile,
  x25519PublicKey,
  type AgeFileReader,
  type AgeIdentity,
} from '../crypto/age';
import { fsyncDir } from '../fs/atomic';
import { EarlyFlush, openFdOf } from '../fs/early-flush';
import { hashingWith, hashWithRecordedSha512, type FileHashing } from '../workers/file-hashing';
import { openBatchSealed } from '../workers/batch-sealing';
import { sharedCryptoWorkers, type CryptoWorker } from '../workers/worker-client';
import { objectBinding } from './object-binding';

/**
 * What storing an object produced: its random id, the plaintext's digests, and the binding of the file to them
 * (object-binding.ts).
 */
export interface StoredObject {
  id: string;
  sha256: string;
  sha512: string;
  size: number;
  binding: string;
}

/** Options for a long write: progress in plaintext bytes, and cancellation. */
export interface PutOptions {
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
  /** The plaintext's size when known beforehand: a large one has its SHA-512 computed on another core. */
  sizeHint?: number;
}

/** The digests content is known to have (an import's verified manifest lists both). */
export interface KnownDigests {
  sha256: string;
  sha512: string;
}

/** For batches: skip the per-object flush; the caller must call `syncObjects` before referring to the objects. */
interface BatchPutOptions extends PutOptions {
  deferSync?: boolean;
  /**
   * The content's digests, when known. Then only the SHA-256 is computed: when it matches, the
   * bytes are the ones the known SHA-512 was computed from, so it is taken as it is (a second
   * hash pass saved); when it does not, nothing is stored and OBJECT_CORRUPT is thrown.
   */
  known?: KnownDigests;
}

/** Temp files of earlier versions, which wrote an object under this name and renamed it before it was recorded. */
const TEMP_PREFIX = '.tmp-';
/** The folder of objects stored but not (yet) referenced by the database; see `put`. */
const STAGED_DIR = 'staged';
const WRITE_BUFFER = 8 * 1024 * 1024;
const ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Content at least this large is hashed and written with the crypto worker's help, on the other core. Smaller
 * content is hashed and written here: handing it over would cost more than it saves.
 */
const WORKER_BYTES = 16 * 1024 * 1024;

/** Hashes the plaintext (see digestsFor) as it flows through, unchanged. */
class DigestTap extends Transform {
  size = 0;

  constructor(
    readonly hashing: FileHashing,
    private readonly onProgress?: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.onProgress?.(this.size);
    // A worker copies the bytes before this resolves, so the chunk may go on to be encrypted.
    const wait = this.hashing.update(chunk);
    if (wait) wait.then(() => done(null, chunk), done);
    else done(null, chunk);
  }
}

/**
 * The crypto worker that helps store large content: it computes the SHA-512 (the slowest pass) and writes the object,
 * while this thread reads, computes the SHA-256 and seals (see writeInWorker). A second worker, for the sealing, was
 * no faster (`vigil add` of 1 GiB, mean 2.61 s against 2.64 s over 8 + 8 runs) and took 20 MiB more memory. Null for
 * small content, or when no worker can start.
 */
function helperFor(sizeHint: number | undefined): CryptoWorker | null {
  if (sizeHint === undefined || sizeHint < WORKER_BYTES) return null;
  return sharedCryptoWorkers(1)?.[0] ?? null;
}

/**
 * The digests of content to store: the SHA-512 in `worker` when there is one (this thread computes the SHA-256:
 * `vigil add` of 1 GiB, alternating with both digests in the worker, took a mean 3.00 s against 3.24 s over 9 + 9
 * runs). Content whose digests are known has only its SHA-256 computed, here.
 */
function digestsFor(worker: CryptoWorker | null, known: KnownDigests | undefined): FileHashing {
  if (known !== undefined) return hashWithRecordedSha512(known.sha512);
  return hashingWith(worker)();
}

/** The encryption of content into its object file: `input` takes the plaintext; `done` settles once the file is closed. */
interface ObjectWriter {
  input: Writable;
  done: Promise<unknown>;
}

/** Encrypts here and writes through a deep buffer, flushing as it writes. */
function writeHere(file: string, recipientKey: Uint8Array, onPrefix: (prefix: Buffer) => void): ObjectWriter {
  // A deep write buffer lets encryption run ahead while the kernel writes (measured: 2x faster on 1 GiB).
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600, highWaterMark: WRITE_BUFFER });
  const encrypt = createAgeEncryptStream([{ kind: 'x25519', publicKey: recipientKey }], { onPrefix });
  return { input: encrypt, done: pipeline(encrypt, flushingAsWritten(out), out) };
}

/**
 * Seals the batches here and has `worker` write them (flushed before the file is closed). `vigil add` of 1 GiB,
 * alternating with the SHA-512 alone in the worker (the order swapped each round): mean 3.21 s against 3.47 s over
 * 8 + 8 runs, best 2.91 s against 3.15 s, the same peak memory.
 * Sealing here rather than in the worker is as fast (mean 2.45 s against 2.47 s, 5 + 5) and takes 20 MiB less memory
 * (155 against 175 MiB at peak): each V8 heap that seals keeps up to about 64 MiB of spent ciphertext buffers before it
 * collects them, and the worker then allocates nothing.
 */
function writeInWorker(
  worker: CryptoWorker,
  file: string,
  recipientKey: Uint8Array,
  onPrefix: (prefix: Buffer) => void,
): ObjectWriter {
  return openBatchSealed(worker, file, [{ kind: 'x25519', publicKey: recipientKey }], {
    hashFile: false,
    onPrefix,
    sealHereWhenBehind: 0,
  });
}

/**
 * The vault's encrypted object store: one age file per object under
 * blobs/xx/<id>.age, encrypted to the vault's blob identity. Ids are random,
 * never derived from content, so a file name says nothing about what it holds.
 * An object is written to blobs/staged/<id>.age and takes its place under blobs/xx/
 * only once the database refers to it (`publish`), so a file there is always one the
 * database knows, and what a crash leaves in staged/ is settled on the next unlock
 * (`settleStaged`): published if the database refers to it, removed if not.
 */
export class BlobStore {
  private readonly recipientKey: Uint8Array;

  constructor(
    readonly root: string,
    private readonly identitySecret: Uint8Array,
  ) {
    this.recipientKey = x25519PublicKey(identitySecret);
  }

  /** Where the object with this id lives once the database refers to it. */
  pathOf(id: string): string {
    if (!ID_PATTERN.test(id)) throw new VigilError('INVALID_INPUT', `"${id}" is not an object id.`);
    return path.join(this.root, id.slice(0, 2), `${id}.age`);
  }

  /** Where the object with this id is written, and stays until the database refers to it. */
  stagedPathOf(id: string): string {
    if (!ID_PATTERN.test(id)) throw new VigilError('INVALID_INPUT', `"${id}" is not an object id.`);
    return path.join(this.root, STAGED_DIR, `${id}.age`);
  }

  /**
   * Encrypts a stream into a new object in staged/, hashing the plaintext in the same pass.
   * Resolves once the object is durable (fsync of file and folder), unless `deferSync` (then
   * `syncObjects` must come before the database refers to it). The caller records it, then
   * `publish`es it; a crash before the record leaves it in staged/, removed at the next unlock.
   */
  async put(source: Readable, opts: BatchPutOptions = {}): Promise<StoredObject> {
    const id = randomBytes(16).toString('hex');
    const stagedPath = this.stagedPathOf(id);
    await fsp.mkdir(path.dirname(stagedPath), { recursive: true, mode: 0o700 });
    const helper = helperFor(opts.sizeHint);
    const tap = new DigestTap(digestsFor(helper, opts.known), opts.onProgress);
    let digests: { sha256: string; sha512: string };
    let prefixSha256: string | null = null;
    const onPrefix = (prefix: Buffer): void => {
      prefixSha256 = createHash('sha256').update(prefix).digest('hex');
    };
    const writer = helper
      ? writeInWorker(helper, stagedPath, this.recipientKey, onPrefix)
      : writeHere(stagedPath, this.recipientKey, onPrefix);
    try {
      await Promise.all([pipeline(source, tap, writer.input, opts.signal ? { signal: opts.signal } : {}), writer.done]);
      digests = await digestsOf(tap, opts.known);
      if (prefixSha256 === null) throw new VigilError('INTERNAL', 'The encryption wrote no header.');
      if (!opts.deferSync) await this.syncObjects([id]);
    } catch (cause) {
      tap.hashing.abort();
      // The file is removed once it is closed (a worker may still be writing it).
      const writeFailure = await writer.done.then(
        () => null,
        (err: unknown) => err,
      );
      await fsp.rm(stagedPath, { force: true });
      throw storeError(reportedFailure(cause, writeFailure));
    }
    return { id, ...digests, size: tap.size, binding: objectBinding(prefixSha256, { ...digests, size: tap.size }) };
  }

  /**
   * Makes objects written with `deferSync` durable: each file, then the staged folder once.
   * Batches pay one round of flushes instead of two per object.
   */
  async syncObjects(ids: string[]): Promise<void> {
    // No object written, nothing to flush: staged/ is made with the first one and may not exist.
    if (ids.length === 0) return;
    await Promise.all(ids.map((id) => fsyncFile(this.stagedPathOf(id))));
    await fsyncDir(path.join(this.root, STAGED_DIR));
  }

  /**
   * Moves objects the database now refers to from staged/ to their place. Not flushed: a
   * rename lost to a power cut leaves the object in staged/, where the next unlock finds it
   * referenced and publishes it again. Never throws; reads find an object in either place.
   */
  async publish(ids: string[]): Promise<void> {
    for (const id of ids) {
      const file = this.pathOf(id);
      try {
        await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        await fsp.rename(this.stagedPathOf(id), file);
      } catch {
        // Left in staged/: still readable, and published at the next unlock.
      }
    }
  }

  /**
   * After a crash (at unlock, holding the vault lock): each object in staged/ that the
   * database refers to is published, every other one is removed. Only staged/ is read, so
   * this costs nothing however many objects the vault holds.
   */
  async settleStaged(isReferenced: (id: string) => boolean): Promise<{ published: number; removed: number }> {
    const dir = path.join(this.root, STAGED_DIR);
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    const ids = names.filter((n) => n.endsWith('.age') && ID_PATTERN.test(n.slice(0, -4))).map((n) => n.slice(0, -4));
    const referenced = ids.filter((id) => isReferenced(id));
    await this.publish(referenced);
    let removed = 0;
    for (const name of names.filter((n) => !referenced.includes(n.slice(0, -4)))) {
      // Best effort: one that cannot be removed now is tried again at the next unlock.
      if (
        await fsp.rm(path.join(dir, name), { force: true, recursive: true }).then(
          () => true,
          () => false,
        )
      )
        removed++;
    }
    if (removed > 0) await fsyncDir(dir).catch(() => undefined);
    return { published: referenced.length, removed };
  }

  /** Opens an object for random-access reading (byte ranges decrypt only the chunks they need). */
  async open(id: string): Promise<AgeFileReader> {
    for (const file of [this.pathOf(id), this.stagedPathOf(id)]) {
      if (
        await fsp.access(file).then(
          () => true,
          () => false,
        )
      )
        return openAgeFile(file, [this.identity()]);
    }
    throw new VigilError(
      'OBJECT_NOT_FOUND',
      `Stored object ${id} is missing from the vault folder. Run "vigil verify" to list what is missing.`,
    );
  }

  /** Deletes an object that nothing refers to (a duplicate or an orphan), wherever it is. */
  async remove(id: string): Promise<void> {
    for (const file of [this.stagedPathOf(id), this.pathOf(id)]) {
      await fsp.rm(file, { force: true });
      await fsyncDir(path.dirname(file));
    }
  }

  /** Every object id in its place and in staged/, and temp files earlier versions left. */
  async scan(): Promise<{ ids: string[]; staged: string[]; temps: string[] }> {
    const ids: string[] = [];
    const temps: string[] = [];
    const shards = await fsp.readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const shard of shards) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      for (const name of await fsp.readdir(path.join(this.root, shard.name))) {
        if (name.startsWith(TEMP_PREFIX)) temps.push(path.join(this.root, shard.name, name));
        else if (name.endsWith('.age') && ID_PATTERN.test(name.slice(0, -4))) ids.push(name.slice(0, -4));
      }
    }
    const stagedNames = await fsp.readdir(path.join(this.root, STAGED_DIR)).catch(() => [] as string[]);
    const staged = stagedNames
      .filter((n) => n.endsWith('.age') && ID_PATTERN.test(n.slice(0, -4)))
      .map((n) => n.slice(0, -4));
    return { ids, staged, temps };
  }

  /** The age identity that opens every object (never leaves the process). */
  identity(): AgeIdentity {
    return { kind: 'x25519', secretKey: this.identitySecret };
  }
}

/**
 * Passes the ciphertext on to `out` unchanged, starting flushes of the file as it is written (early-flush.ts), so
 * that the flush before the object is acknowledged does not wait for a whole large file at once.
 */
function flushingAsWritten(out: WriteStream): Transform {
  const early = new EarlyFlush();
  const fd = openFdOf(out);
  return new Transform({
    transform(chunk: Buffer, _enc, next) {
      early.wrote(fd(), chunk.length);
      next(null, chunk);
    },
    // The file must not close under a flush in progress.
    flush(next) {
      early.settle().then(() => next(), next);
    },
  });
}

/** The stored content's digests: both computed, or the known ones once the SHA-256 matches them. */
async function digestsOf(tap: DigestTap, known: KnownDigests | undefined): Promise<{ sha256: string; sha512: string }> {
  const { sha256, sha512 } = await tap.hashing.digests();
  if (known !== undefined && sha256 !== known.sha256) {
    throw new VigilError(
      'OBJECT_CORRUPT',
      `The content's SHA-256 is ${sha256}, not the ${known.sha256} it was expected to have; it was not stored.`,
    );
  }
  return { sha256, sha512 };
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The failure to report: the file's own system error (a full disk) rather than the stream's echo of it (a stream
 * closed early), which the reading side may see first. Any other failure (cancelled, corrupt) is reported as it is.
 */
function reportedFailure(cause: unknown, writeFailure: unknown): unknown {
  const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null | undefined)?.code;
  const echo = code(cause) === undefined || code(cause) === 'ERR_STREAM_PREMATURE_CLOSE';
  return echo && /^E[A-Z]+$/.test(code(writeFailure) ?? '') ? writeFailure : cause;
}

function storeError(cause: unknown): VigilError {
  if (cause instanceof VigilError) return cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ABORT_ERR')
    return new VigilError('CANCELLED', 'Storing the file was cancelled; nothing was added.', { cause });
  if (code === 'ENOSPC')
    return new VigilError(
      'DISK_FULL',
      'The disk is full; the file was not added and the vault is unchanged. Free some space and try again.',
      { cause },
    );
  return new VigilError('IO_ERROR', `The file could not be stored (${code ?? 'unknown error'}); nothing was added.`, {
    cause,
  });
}

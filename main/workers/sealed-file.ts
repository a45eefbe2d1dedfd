/**
 * An age-sealed file being written: plaintext in, ciphertext (hashed with SHA-256 on the
 * way) to a new private file, flushed to disk, all in the calling thread: where no crypto
 * worker is available (with one, batch-sealing.ts shares the work with it).
 */
import { createHash } from 'node:crypto';
import { createWriteStream, fdatasync, type WriteStream } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAgeEncryptStream, type AgeRecipient } from '../crypto/age';

/** Ciphertext buffered ahead of the disk: writes go out in large batches (writev) while encryption goes on. */
const BUFFER_BYTES = 8 * 1024 * 1024;
/**
 * Written bytes after which the disk is asked to start flushing (fdatasync in the
 * background), so the final flush does not wait for the whole package at once.
 */
const EARLY_FLUSH_BYTES = 64 * 1024 * 1024;

/** What a finished sealed file holds: the SHA-256 of its bytes and their count. */
interface SealedDigest {
  sha256: string;
  bytes: number;
}

/** A sealed file in progress: write plaintext to `input` and end it; `done` settles once the file is closed. */
export interface SealedFile {
  input: Writable;
  done: Promise<SealedDigest>;
}

/** Starts flushes of `out` while it is being written, one at a time; a failure is kept for the end. */
class EarlyFlush {
  private sinceFlush = 0;
  private pending: Promise<void> = Promise.resolve();
  private busy = false;
  private error: Error | null = null;
  private fd: number | null = null;

  constructor(out: WriteStream) {
    out.once('open', (fd: number) => {
      this.fd = fd;
    });
    out.once('close', () => {
      this.fd = null;
    });
  }

  wrote(n: number): void {
    this.sinceFlush += n;
    const fd = this.fd;
    if (this.sinceFlush < EARLY_FLUSH_BYTES || this.busy || fd === null) return;
    this.sinceFlush = 0;
    this.busy = true;
    this.pending = new Promise((resolve) => {
      fdatasync(fd, (err) => {
        this.error ??= err;
        this.busy = false;
        resolve();
      });
    });
  }

  /** Waits for the flush in progress (the file must not close under it); rejects if one failed. */
  async settle(): Promise<void> {
    await this.pending;
    if (this.error) throw this.error;
  }
}

function closed(out: WriteStream): Promise<void> {
  return out.closed ? Promise.resolve() : new Promise((resolve) => out.once('close', () => resolve()));
}

/**
 * Opens `file` (created exclusively, 0600) and returns the plaintext input of an age
 * encryption to `recipients` whose output is hashed and written there. `done` resolves
 * after the file is flushed and closed; on failure it rejects, also only once it is closed,
 * so that the caller may remove it.
 */
export function openSealedFile(file: string, recipients: AgeRecipient[]): SealedFile {
  return sealedOutput(file, createAgeEncryptStream(recipients));
}

/** The hashing, early-flushing file writer of a sealed file, fed by `head` (the encryption). */
function sealedOutput(file: string, head: Transform): SealedFile {
  const hash = createHash('sha256');
  let bytes = 0;
  // flush: the file is fsynced before it is closed, and pipeline resolves only after the close.
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600, flush: true, highWaterMark: BUFFER_BYTES });
  const early = new EarlyFlush(out);
  const tap = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _enc, next) {
      hash.update(chunk);
      bytes += chunk.length;
      early.wrote(chunk.length);
      next(null, chunk);
    },
    flush(next) {
      early.settle().then(() => next(), next);
    },
  });
  const done = pipeline(head, tap, out).then(
    () => ({ sha256: hash.digest('hex'), bytes }),
    async (err: unknown) => {
      await early.settle().catch(() => undefined);
      await closed(out);
      throw err;
    },
  );
  return { input: head, done };
}

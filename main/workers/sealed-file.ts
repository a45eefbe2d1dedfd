/**
 * An age-sealed file being written: plaintext in, ciphertext (hashed with SHA-256 on the
 * way) to a new private file, flushed to disk, all in the calling thread: where no crypto
 * worker is available (with one, batch-sealing.ts shares the work with it).
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAgeEncryptStream, type AgeRecipient } from '../crypto/age';
import { EarlyFlush, openFdOf } from '../fs/early-flush';

/** Ciphertext buffered ahead of the disk: writes go out in large batches (writev) while encryption goes on. */
const BUFFER_BYTES = 8 * 1024 * 1024;
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
  const early = new EarlyFlush();
  const fd = openFdOf(out);
  const tap = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _enc, next) {
      hash.update(chunk);
      bytes += chunk.length;
      early.wrote(fd(), chunk.length);
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

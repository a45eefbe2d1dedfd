import { Transform, type TransformCallback } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import { ByteQueue } from './byte-queue';
import { startAgeFile } from './batch-seal';
import { sealChunk } from './payload';
import { CHUNK_SIZE, type AgeRecipient } from './types';

/** Buffering on each side of the transform: a few chunks, so the cipher is never starved. */
export const STREAM_HIGH_WATER_MARK = 4 * CHUNK_SIZE;

function toVigilError(err: unknown): Error {
  if (err instanceof VigilError) return err;
  return new VigilError('INTERNAL', 'age encryption failed unexpectedly.', { cause: err });
}

class AgeEncryptStream extends Transform {
  private key: Buffer | null = null;
  private readonly setup: Promise<void>;
  private readonly queue = new ByteQueue();
  private counter = 0;

  constructor(
    recipients: AgeRecipient[],
    private readonly copyHeld: boolean,
    private readonly onPrefix?: (prefix: Buffer) => void,
  ) {
    super({ readableHighWaterMark: STREAM_HIGH_WATER_MARK, writableHighWaterMark: STREAM_HIGH_WATER_MARK });
    this.setup = this.start(recipients);
    // The failure is reported by the first write or flush; this only stops an unhandled rejection.
    this.setup.catch(() => undefined);
  }

  private async start(recipients: AgeRecipient[]): Promise<void> {
    const { prefix, key } = await startAgeFile(recipients);
    this.key = key;
    this.onPrefix?.(prefix);
    this.push(prefix);
  }

  /** Seals the next `n` queued bytes as one chunk. */
  private seal(n: number, last: boolean, key: Buffer): void {
    for (const part of sealChunk(key, this.counter, last, this.queue.take(n))) this.push(part);
    this.counter++;
  }

  private encryptQueued(key: Buffer): void {
    // A full chunk is held back until a later byte proves it is not the last one.
    while (this.queue.length > CHUNK_SIZE) this.seal(CHUNK_SIZE, false, key);
    if (this.copyHeld) this.queue.detach();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.queue.push(chunk);
    if (this.key) {
      this.encryptQueued(this.key);
      done();
      return;
    }
    this.setup.then(
      () => {
        if (this.key) this.encryptQueued(this.key);
        done();
      },
      (err: unknown) => done(toVigilError(err)),
    );
  }

  override _flush(done: TransformCallback): void {
    this.setup
      .then(() => {
        if (!this.key) throw new VigilError('INTERNAL', 'age encryption has no payload key.');
        // Whatever remains (0 bytes only when the whole payload is empty) is the last chunk.
        this.seal(this.queue.length, true, this.key);
        this.key.fill(0);
        done();
      })
      .catch((err: unknown) => done(toVigilError(err)));
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.key?.fill(0);
    cb(err);
  }
}

/**
 * A Transform that takes plaintext and emits the age v1 file encrypting it to `recipients`.
 * With `copyHeld`, the bytes held back between writes are copied, so a writer may reuse a
 * buffer once its write callback ran (otherwise they are kept by reference: no copy).
 * `onPrefix` gets the file's bytes before the payload (header and payload nonce) before they
 * are pushed: see AgeFileReader.prefixSha256.
 */
export function createAgeEncryptStream(
  recipients: AgeRecipient[],
  opts: { copyHeld?: boolean; onPrefix?: (prefix: Buffer) => void } = {},
): Transform {
  return new AgeEncryptStream(recipients, opts.copyHeld ?? false, opts.onPrefix);
}

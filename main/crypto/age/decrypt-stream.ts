import { Transform, type TransformCallback } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import { ByteQueue } from './byte-queue';
import { STREAM_HIGH_WATER_MARK } from './encrypt-stream';
import { unwrapFileKey } from './file-key';
import { findHeaderEnd, parseHeader } from './header';
import { openChunk, payloadKey } from './payload';
import { ENC_CHUNK_SIZE, PAYLOAD_NONCE_SIZE, TAG_SIZE, type AgeIdentity } from './types';

function payloadError(what: string): VigilError {
  return new VigilError('AGE_MALFORMED', `The age payload ${what}; the file is damaged, truncated or was altered.`);
}

function toVigilError(err: unknown): Error {
  if (err instanceof VigilError) return err;
  return new VigilError('INTERNAL', 'age decryption failed unexpectedly.', { cause: err });
}

class AgeDecryptStream extends Transform {
  private headerBytes: Buffer = Buffer.alloc(0);
  private fileKey: Buffer | null = null;
  private key: Buffer | null = null;
  private readonly queue = new ByteQueue();
  private counter = 0;

  constructor(private readonly identities: AgeIdentity[]) {
    super({ readableHighWaterMark: STREAM_HIGH_WATER_MARK, writableHighWaterMark: STREAM_HIGH_WATER_MARK });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.fileKey || this.key) {
        this.queue.push(chunk);
        this.drain(false);
        done();
        return;
      }
      this.headerBytes = this.headerBytes.length === 0 ? chunk : Buffer.concat([this.headerBytes, chunk]);
      const end = findHeaderEnd(this.headerBytes);
      if (end < 0) {
        done();
        return;
      }
      const header = parseHeader(this.headerBytes.subarray(0, end));
      this.queue.push(this.headerBytes.subarray(end));
      this.headerBytes = Buffer.alloc(0);
      unwrapFileKey(header, this.identities).then((fileKey) => {
        this.fileKey = fileKey;
        this.drain(false);
        done();
      }).catch((err: unknown) => done(toVigilError(err)));
    } catch (err) {
      done(toVigilError(err));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.fileKey && !this.key) throw new VigilError('AGE_MALFORMED', 'The age header is incomplete; the file is truncated or not an age file.');
      this.drain(true);
      done();
    } catch (err) {
      done(toVigilError(err));
    }
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.fileKey?.fill(0);
    this.key?.fill(0);
    cb(err);
  }

  /** Decrypts every chunk that is known to be complete; at the end, the final one. */
  private drain(atEnd: boolean): void {
    if (!this.key) {
      if (this.queue.length < PAYLOAD_NONCE_SIZE) {
        if (atEnd) throw payloadError('nonce is missing');
        return;
      }
      const fileKey = this.fileKey;
      if (!fileKey) throw new VigilError('INTERNAL', 'age decryption has no file key.');
      this.key = payloadKey(fileKey, this.queue.takeJoined(PAYLOAD_NONCE_SIZE));
      fileKey.fill(0);
      this.fileKey = null;
    }
    const key = this.key;
    // A full chunk is opened only once a later byte shows whether it is the last.
    while (this.queue.length > ENC_CHUNK_SIZE) this.openNext(key, ENC_CHUNK_SIZE, true);
    if (!atEnd) return;
    if (this.queue.length === 0) throw payloadError(this.counter === 0 ? 'has no chunks' : 'ends without a final chunk (truncated)');
    this.openNext(key, this.queue.length, false);
    key.fill(0);
  }

  private tryOpen(key: Buffer, last: boolean, body: Buffer[], tag: Buffer): boolean {
    const plain = openChunk(key, this.counter, last, body, tag);
    if (!plain) return false;
    for (const p of plain) if (p.length > 0) this.push(p);
    this.counter++;
    return true;
  }

  /**
   * Opens the next chunk of `n` bytes. Like the reference implementation, a chunk that
   * authenticates is released even when what follows it is wrong (trailing data, truncation),
   * and then the stream fails.
   */
  private openNext(key: Buffer, n: number, moreFollows: boolean): void {
    if (n < TAG_SIZE) throw payloadError('ends with a chunk too short to hold its tag');
    if (!moreFollows && n === TAG_SIZE && this.counter > 0) throw payloadError('ends with an empty chunk after data');
    const body = this.queue.take(n - TAG_SIZE);
    const tag = this.queue.takeJoined(TAG_SIZE);
    const full = n === ENC_CHUNK_SIZE;
    if (moreFollows) {
      if (this.tryOpen(key, false, body, tag)) return;
      if (this.tryOpen(key, true, body, tag)) throw payloadError('has data after its final chunk');
    } else {
      if (this.tryOpen(key, true, body, tag)) return;
      if (full && this.tryOpen(key, false, body, tag)) throw payloadError('ends without a final chunk (truncated)');
    }
    throw payloadError(`chunk ${this.counter} failed authentication`);
  }
}

/** A Transform that takes an age v1 file and emits its plaintext; fails with a VigilError (AGE_*). */
export function createAgeDecryptStream(identities: AgeIdentity[]): Transform {
  return new AgeDecryptStream(identities);
}

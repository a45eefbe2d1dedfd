/**
 * age v1 decryption as plain state, fed bytes and handing plaintext to a callback: the core
 * of the Node Transform (decrypt-stream.ts) and of the offline verifier page, which reads a
 * browser File stream. Plaintext is released a chunk at a time and only once authenticated.
 */
import { VigilError } from '../../../shared/errors';
import { ByteQueue } from './byte-queue';
import { unwrapFileKey } from './file-key';
import { findHeaderEnd, parseHeader } from './header';
import { openChunk, payloadKey } from './payload';
import { ENC_CHUNK_SIZE, PAYLOAD_NONCE_SIZE, TAG_SIZE, type AgeIdentity } from './types';

function payloadError(what: string): VigilError {
  return new VigilError('AGE_MALFORMED', `The age payload ${what}; the file is damaged, truncated or was altered.`);
}

/** The error a decryption failure ends with: a VigilError as thrown, anything else as INTERNAL. */
export function toVigilError(err: unknown): Error {
  if (err instanceof VigilError) return err;
  return new VigilError('INTERNAL', 'age decryption failed unexpectedly.', { cause: err });
}

/** Receives each piece of authenticated plaintext, in order. */
type PlaintextSink = (piece: Buffer) => void;

/** Decrypts an age file given in pieces; throws a VigilError (AGE_*) when it is not for us or damaged. */
export class AgeDecryptor {
  private headerBytes: Buffer = Buffer.alloc(0);
  private fileKey: Buffer | null = null;
  private key: Buffer | null = null;
  private readonly queue = new ByteQueue();
  private counter = 0;

  constructor(private readonly identities: AgeIdentity[]) {}

  /** Takes the next bytes of the file; plaintext known to be complete goes to `sink`. */
  async write(chunk: Buffer, sink: PlaintextSink): Promise<void> {
    if (this.fileKey || this.key) {
      this.queue.push(chunk);
      this.drain(false, sink);
      return;
    }
    this.headerBytes = this.headerBytes.length === 0 ? chunk : Buffer.concat([this.headerBytes, chunk]);
    const end = findHeaderEnd(this.headerBytes);
    if (end < 0) return;
    const header = parseHeader(this.headerBytes.subarray(0, end));
    this.queue.push(this.headerBytes.subarray(end));
    this.headerBytes = Buffer.alloc(0);
    this.fileKey = await unwrapFileKey(header, this.identities);
    this.drain(false, sink);
  }

  /** The file ended: opens the final chunk, or throws when the file is cut short. */
  end(sink: PlaintextSink): void {
    if (!this.fileKey && !this.key)
      throw new VigilError('AGE_MALFORMED', 'The age header is incomplete; the file is truncated or not an age file.');
    this.drain(true, sink);
  }

  /** Overwrites the keys held (after the end, or when giving up). */
  wipe(): void {
    this.fileKey?.fill(0);
    this.key?.fill(0);
  }

  /** Decrypts every chunk that is known to be complete; at the end, the final one. */
  private drain(atEnd: boolean, sink: PlaintextSink): void {
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
    while (this.queue.length > ENC_CHUNK_SIZE) this.openNext(key, ENC_CHUNK_SIZE, true, sink);
    if (!atEnd) return;
    if (this.queue.length === 0)
      throw payloadError(this.counter === 0 ? 'has no chunks' : 'ends without a final chunk (truncated)');
    this.openNext(key, this.queue.length, false, sink);
    key.fill(0);
  }

  private tryOpen(key: Buffer, last: boolean, body: Buffer[], tag: Buffer, sink: PlaintextSink): boolean {
    const plain = openChunk(key, this.counter, last, body, tag);
    if (!plain) return false;
    for (const p of plain) if (p.length > 0) sink(p);
    this.counter++;
    return true;
  }

  /**
   * Opens the next chunk of `n` bytes. Like the reference implementation, a chunk that
   * authenticates is released even when what follows it is wrong (trailing data, truncation),
   * and then decryption fails.
   */
  private openNext(key: Buffer, n: number, moreFollows: boolean, sink: PlaintextSink): void {
    if (n < TAG_SIZE) throw payloadError('ends with a chunk too short to hold its tag');
    if (!moreFollows && n === TAG_SIZE && this.counter > 0) throw payloadError('ends with an empty chunk after data');
    const body = this.queue.take(n - TAG_SIZE);
    const tag = this.queue.takeJoined(TAG_SIZE);
    const full = n === ENC_CHUNK_SIZE;
    if (moreFollows) {
      if (this.tryOpen(key, false, body, tag, sink)) return;
      if (this.tryOpen(key, true, body, tag, sink)) throw payloadError('has data after its final chunk');
    } else {
      if (this.tryOpen(key, true, body, tag, sink)) return;
      if (full && this.tryOpen(key, false, body, tag, sink))
        throw payloadError('ends without a final chunk (truncated)');
    }
    throw payloadError(`chunk ${this.counter} failed authentication`);
  }
}

import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import { unwrapFileKey } from './file-key';
import { findHeaderEnd, parseHeader } from './header';
import { joinParts, openChunk, payloadKey } from './payload';
import { CHUNK_SIZE, ENC_CHUNK_SIZE, PAYLOAD_NONCE_SIZE, TAG_SIZE, type AgeIdentity } from './types';

/** Random access to the plaintext of an age file on disk. */
export interface AgeFileReader {
  /** Plaintext bytes. */
  readonly size: number;
  /**
   * Hex SHA-256 of the file's bytes before the payload: the header and the payload nonce.
   * They fix the file key and the payload key, so no other valid payload can follow them
   * without the key; the blob store binds stored objects to their records with it.
   */
  readonly prefixSha256: string;
  /** The plaintext bytes [start, end). */
  read(start: number, end: number): Promise<Buffer>;
  /** The plaintext, or its bytes [range.start, range.end), as a stream (end exclusive, like `read`). */
  createReadStream(range?: { start: number; end: number }): Readable;
  /** Closes the file and forgets the key. */
  close(): Promise<void>;
}

/** Chunks a stream reads and decrypts per file read (~1 MiB). */
const STREAM_SPAN_CHUNKS = 16;

interface Layout {
  payloadStart: number;
  chunks: number;
  lastLength: number;
  size: number;
}

function malformed(what: string): VigilError {
  return new VigilError('AGE_MALFORMED', `The age file ${what}; it is damaged, truncated or was altered.`);
}

/** Reads up to `length` bytes at `position`, into `into` when given (so a stream reuses one buffer). */
async function readAt(fh: FileHandle, position: number, length: number, into?: Buffer): Promise<Buffer> {
  const buf = into !== undefined && into.length >= length ? into : Buffer.allocUnsafe(length);
  let got = 0;
  try {
    while (got < length) {
      const { bytesRead } = await fh.read(buf, got, length - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
  } catch (err) {
    throw new VigilError('IO_ERROR', `Could not read the encrypted file: ${(err as Error).message}`, { cause: err });
  }
  return buf.subarray(0, got);
}

async function readHeader(fh: FileHandle): Promise<{ bytes: Buffer; end: number }> {
  let bytes = Buffer.alloc(0);
  for (;;) {
    const more = await readAt(fh, bytes.length, 64 * 1024);
    if (more.length === 0) throw malformed('header is incomplete');
    bytes = Buffer.concat([bytes, more]);
    const end = findHeaderEnd(bytes);
    if (end >= 0) return { bytes, end };
  }
}

/** Chunk count and plaintext size follow from the file size; impossible sizes mean truncation or appended data. */
function layoutFor(fileSize: number, headerEnd: number): Layout {
  const payloadStart = headerEnd + PAYLOAD_NONCE_SIZE;
  const length = fileSize - payloadStart;
  if (length < 0) throw malformed('payload nonce is missing');
  if (length === 0) throw malformed('payload has no chunks');
  const full = Math.floor(length / ENC_CHUNK_SIZE);
  const rest = length % ENC_CHUNK_SIZE;
  if (rest === 0) return { payloadStart, chunks: full, lastLength: ENC_CHUNK_SIZE, size: full * CHUNK_SIZE };
  if (rest < TAG_SIZE) throw malformed('ends with a chunk too short to hold its tag');
  if (rest === TAG_SIZE && full > 0) throw malformed('ends with an empty chunk after data');
  return { payloadStart, chunks: full + 1, lastLength: rest, size: full * CHUNK_SIZE + rest - TAG_SIZE };
}

class Reader implements AgeFileReader {
  readonly size: number;
  private closed = false;
  // Players read small ranges in order; keeping the last chunks avoids decrypting them again.
  private readonly cache = new Map<number, Buffer>();

  constructor(
    private readonly fh: FileHandle,
    private readonly key: Buffer,
    private readonly layout: Layout,
    readonly prefixSha256: string,
  ) {
    this.size = layout.size;
  }

  /** Decrypts chunk `i`, checking its tag under the position-bound nonce; `keep` caches it (read() copies out). */
  async chunk(i: number, keep = true): Promise<Buffer> {
    const cached = this.cache.get(i);
    // A caller that keeps nothing gets its own copy, so writing to it cannot alter later reads.
    if (cached) return keep ? cached : Buffer.from(cached);
    if (this.closed) throw new VigilError('INVALID_INPUT', 'The age file reader is closed; open the file again.');
    const last = i === this.layout.chunks - 1;
    const length = last ? this.layout.lastLength : ENC_CHUNK_SIZE;
    const enc = await readAt(this.fh, this.layout.payloadStart + i * ENC_CHUNK_SIZE, length);
    if (enc.length !== length) throw malformed('became shorter while it was being read');
    const plain = openChunk(this.key, i, last, [enc.subarray(0, length - TAG_SIZE)], enc.subarray(length - TAG_SIZE));
    if (!plain) throw malformed(`payload chunk ${i} failed authentication`);
    const out = joinParts(plain);
    if (!keep) return out;
    this.cache.set(i, out);
    if (this.cache.size > 4) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    return out;
  }

  /**
   * Decrypts `count` chunks from chunk `first` on, read from the file in one piece:
   * streaming pays one read per span rather than one per 64 KiB chunk. Nothing is cached;
   * the ciphertext is read into `scratch` when given (the plaintext never refers to it).
   */
  async span(first: number, count: number, scratch?: Buffer): Promise<Buffer[]> {
    if (this.closed) throw new VigilError('INVALID_INPUT', 'The age file reader is closed; open the file again.');
    const lastIndex = first + count - 1;
    const length =
      (count - 1) * ENC_CHUNK_SIZE + (lastIndex === this.layout.chunks - 1 ? this.layout.lastLength : ENC_CHUNK_SIZE);
    const enc = await readAt(this.fh, this.layout.payloadStart + first * ENC_CHUNK_SIZE, length, scratch);
    if (enc.length !== length) throw malformed('became shorter while it was being read');
    const out: Buffer[] = [];
    for (let k = 0; k < count; k++) {
      const i = first + k;
      const body = enc.subarray(k * ENC_CHUNK_SIZE, Math.min(length, (k + 1) * ENC_CHUNK_SIZE));
      const plain = openChunk(
        this.key,
        i,
        i === this.layout.chunks - 1,
        [body.subarray(0, body.length - TAG_SIZE)],
        body.subarray(body.length - TAG_SIZE),
      );
      if (!plain) throw malformed(`payload chunk ${i} failed authentication`);
      out.push(joinParts(plain));
    }
    return out;
  }

  private checkRange(start: number, end: number): void {
    if (this.closed) throw new VigilError('INVALID_INPUT', 'The age file reader is closed; open the file again.');
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > this.size) {
      throw new VigilError(
        'INVALID_INPUT',
        `The range [${start}, ${end}) is outside the plaintext of ${this.size} bytes.`,
      );
    }
  }

  async read(start: number, end: number): Promise<Buffer> {
    this.checkRange(start, end);
    const out = Buffer.allocUnsafe(end - start);
    for (let pos = start; pos < end;) {
      const i = Math.floor(pos / CHUNK_SIZE);
      const plain = await this.chunk(i);
      const from = pos - i * CHUNK_SIZE;
      const n = Math.min(plain.length - from, end - pos);
      plain.copy(out, pos - start, from, from + n);
      pos += n;
    }
    return out;
  }

  createReadStream(range?: { start: number; end: number }): Readable {
    const start = range?.start ?? 0;
    const end = range?.end ?? this.size;
    this.checkRange(start, end);
    const pieces = async function* (reader: Reader): AsyncGenerator<Buffer> {
      const lastIndex = Math.floor((end - 1) / CHUNK_SIZE);
      // One buffer for every read: fresh ones would only add garbage to collect.
      const scratch = Buffer.allocUnsafeSlow(STREAM_SPAN_CHUNKS * ENC_CHUNK_SIZE);
      for (let pos = start; pos < end;) {
        const first = Math.floor(pos / CHUNK_SIZE);
        const plains = await reader.span(first, Math.min(STREAM_SPAN_CHUNKS, lastIndex - first + 1), scratch);
        for (const [k, plain] of plains.entries()) {
          const from = pos - (first + k) * CHUNK_SIZE;
          const n = Math.min(plain.length - from, end - pos);
          yield plain.subarray(from, from + n);
          pos += n;
        }
      }
    };
    return Readable.from(pieces(this), { objectMode: false, highWaterMark: 4 * CHUNK_SIZE });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.key.fill(0);
    this.cache.clear();
    await this.fh.close();
  }
}

/**
 * Opens an age file for random access: parses and authenticates the header, derives the
 * plaintext size from the file size, and authenticates the last chunk so truncation is caught.
 */
export async function openAgeFile(path: string, identities: AgeIdentity[]): Promise<AgeFileReader> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new VigilError(
      missing ? 'NOT_FOUND' : 'IO_ERROR',
      `Could not open the encrypted file ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  try {
    const { bytes, end } = await readHeader(fh);
    const fileKey = await unwrapFileKey(parseHeader(bytes.subarray(0, end)), identities);
    const { size: fileSize } = await fh.stat();
    const layout = layoutFor(fileSize, end);
    const nonce = await readAt(fh, end, PAYLOAD_NONCE_SIZE);
    const key = payloadKey(fileKey, nonce);
    fileKey.fill(0);
    const prefixSha256 = createHash('sha256').update(bytes.subarray(0, end)).update(nonce).digest('hex');
    const reader = new Reader(fh, key, layout, prefixSha256);
    await reader.chunk(layout.chunks - 1);
    return reader;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

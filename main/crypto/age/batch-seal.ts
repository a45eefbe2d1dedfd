/**
 * age encryption cut into batches of whole chunks, for sealing one file on two threads:
 * the payload chunks are independent (each has its own nonce: counter and last-chunk flag),
 * so any thread holding the payload key may seal any batch, as long as the batches are
 * written in order. The bytes are those createAgeEncryptStream writes.
 */
import { randomBytes } from 'node:crypto';
import { wrapFileKey } from './file-key';
import { encodeHeader } from './header';
import { payloadKey, sealChunk } from './payload';
import { CHUNK_SIZE, ENC_CHUNK_SIZE, FILE_KEY_SIZE, PAYLOAD_NONCE_SIZE, TAG_SIZE, type AgeRecipient } from './types';

/** The start of a new age file: its bytes before the payload (header and nonce) and the payload key. */
export interface AgeFileStart {
  prefix: Buffer;
  key: Buffer;
}

/** Makes a new file key, wraps it to `recipients` and derives the payload key (the file key is wiped). */
export async function startAgeFile(recipients: AgeRecipient[]): Promise<AgeFileStart> {
  const fileKey = randomBytes(FILE_KEY_SIZE);
  try {
    const header = encodeHeader(await wrapFileKey(fileKey, recipients), fileKey);
    const nonce = randomBytes(PAYLOAD_NONCE_SIZE);
    return { prefix: Buffer.concat([header, nonce]), key: payloadKey(fileKey, nonce) };
  } finally {
    fileKey.fill(0);
  }
}

/** Chunks in a batch of `length` plaintext bytes: an empty batch is the one empty last chunk of an empty file. */
export function chunksIn(length: number): number {
  return Math.max(1, Math.ceil(length / CHUNK_SIZE));
}

/** Ciphertext bytes of a batch of `length` plaintext bytes. */
export function sealedLength(length: number): number {
  return length + chunksIn(length) * TAG_SIZE;
}

/**
 * Seals the batch of `length` plaintext bytes at the start of `buf` in place, as the chunks
 * `counter`, `counter + 1`, … (the final one flagged last when `last`); returns the ciphertext
 * length. `buf` must hold sealedLength(length) bytes. Every chunk but the batch's final one
 * must be full. Sealed from the final chunk back, so no ciphertext overwrites plaintext not yet sealed.
 */
export function sealBatchInPlace(
  key: Uint8Array,
  buf: Uint8Array,
  length: number,
  counter: number,
  last: boolean,
): number {
  const n = chunksIn(length);
  const total = length + n * TAG_SIZE;
  if (buf.length < total) throw new RangeError(`A batch of ${length} bytes needs ${total} bytes of room.`);
  for (let k = n - 1; k >= 0; k--) {
    const plain = buf.subarray(k * CHUNK_SIZE, Math.min(length, (k + 1) * CHUNK_SIZE));
    const [body, tag] = sealChunk(key, counter + k, last && k === n - 1, [plain]);
    if (body === undefined || tag === undefined) throw new Error('ChaCha20-Poly1305 gave no ciphertext.');
    buf.set(body, k * ENC_CHUNK_SIZE);
    buf.set(tag, k * ENC_CHUNK_SIZE + body.length);
  }
  return total;
}

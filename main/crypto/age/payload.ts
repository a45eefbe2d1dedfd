import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { TAG_SIZE } from './types';

/** The STREAM key: HKDF-SHA256(ikm = file key, salt = payload nonce, info = "payload"). */
export function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
}

/** The 12-byte STREAM nonce: 11-byte big-endian chunk counter, then 1 on the last chunk. */
function chunkNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  // Counters stay below 2^53 (far beyond any file), so two 32-bit words cover them.
  nonce.writeUInt32BE(Math.floor(counter / 0x1_0000_0000), 3);
  nonce.writeUInt32BE(counter >>> 0, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Encrypts one chunk given as pieces (no concatenation); returns the ciphertext pieces and the tag. */
export function sealChunk(key: Uint8Array, counter: number, last: boolean, parts: readonly Uint8Array[]): Buffer[] {
  const cipher = createCipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG_SIZE });
  const out: Buffer[] = [];
  for (const p of parts) out.push(cipher.update(p));
  cipher.final();
  out.push(cipher.getAuthTag());
  return out;
}

/**
 * Decrypts one chunk; null when it does not authenticate under this counter and flag.
 * Nothing is returned before the tag is checked, so unauthenticated plaintext never leaves.
 */
export function openChunk(
  key: Uint8Array,
  counter: number,
  last: boolean,
  parts: readonly Buffer[],
  tag: Buffer,
): Buffer[] | null {
  const decipher = createDecipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG_SIZE });
  decipher.setAuthTag(tag);
  const out: Buffer[] = [];
  for (const p of parts) out.push(decipher.update(p));
  try {
    decipher.final();
    return out;
  } catch {
    for (const b of out) b.fill(0);
    return null;
  }
}

/** One buffer from pieces, copying only when there is more than one. */
export function joinParts(parts: readonly Buffer[]): Buffer {
  return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
}

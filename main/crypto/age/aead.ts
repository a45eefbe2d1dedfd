import { createCipheriv, createDecipheriv } from 'node:crypto';
import { TAG_SIZE } from './types';

const ZERO_NONCE = Buffer.alloc(12);

/** ChaCha20-Poly1305 with the all-zero nonce, as age uses to wrap a file key under a one-time key. */
export function sealWithZeroNonce(key: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: TAG_SIZE });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Opens what sealWithZeroNonce made; null when authentication fails (the key is not the right one). */
export function openWithZeroNonce(key: Uint8Array, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG_SIZE) return null;
  const decipher = createDecipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: TAG_SIZE });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
  const out = decipher.update(sealed.subarray(0, sealed.length - TAG_SIZE));
  try {
    decipher.final();
    return out;
  } catch {
    out.fill(0);
    return null;
  }
}

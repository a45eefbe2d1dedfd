/** Lowercase hex of exactly 32 bytes (SHA-256 digests, Ed25519 public keys). */
export const HEX32_RE = /^[0-9a-f]{64}$/;

/** True when `value` is a string of 64 lowercase hex digits. */
export function isHex32(value: unknown): value is string {
  return typeof value === 'string' && HEX32_RE.test(value);
}

/**
 * Decodes standard padded base64, or returns null. Node's decoder silently skips
 * bad characters, so the text must re-encode to itself: one byte string, one text.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Lowercase hex of some bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Byte-for-byte equality (inputs are public hashes and keys, so timing leaks nothing). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

import { VigilError } from '../../../shared/errors';

const ALPHABET = /^[A-Za-z0-9+/]*$/;

/** Standard base64 without padding, as age writes it. */
export function encodeB64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64').replace(/=+$/, '');
}

/**
 * Decodes age's base64: standard alphabet, no padding, canonical (unused bits zero).
 * Node's decoder is lenient, so the result is re-encoded and compared to refuse
 * every other spelling of the same bytes (age forbids malleable encodings).
 */
export function decodeB64(text: string, what: string): Buffer {
  if (!ALPHABET.test(text) || text.length % 4 === 1) {
    throw new VigilError(
      'AGE_MALFORMED',
      `The age header has invalid base64 in ${what}; the file is damaged or not an age file.`,
    );
  }
  const bytes = Buffer.from(text, 'base64');
  if (encodeB64(bytes) !== text) {
    throw new VigilError(
      'AGE_MALFORMED',
      `The age header has non-canonical base64 in ${what}; the file is damaged or was altered.`,
    );
  }
  return bytes;
}

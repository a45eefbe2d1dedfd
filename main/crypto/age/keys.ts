import { randomBytes } from 'node:crypto';
import { bech32 } from 'bech32';
import { VigilError } from '../../../shared/errors';
import type { AgeIdentity, AgeRecipient } from './types';
import { x25519PublicKey } from './x25519';

const RECIPIENT_HRP = 'age';
const IDENTITY_HRP = 'AGE-SECRET-KEY-';
// age keys are longer than Bech32's 90-character default limit.
const BECH32_LIMIT = 1023;

function decodeKey(text: string, hrp: string, what: string): Uint8Array {
  const bad = (why: string): VigilError => new VigilError('INVALID_INPUT', `That is not a valid ${what} (${why}).`);
  // age keys are single-case: recipients lowercase, identities uppercase.
  const expected = hrp === RECIPIENT_HRP ? text.toLowerCase() : text.toUpperCase();
  if (text !== expected) throw bad(`it must be written in ${hrp === RECIPIENT_HRP ? 'lower' : 'upper'} case`);
  let words: number[];
  try {
    const decoded = bech32.decode(text, BECH32_LIMIT);
    if (decoded.prefix !== hrp.toLowerCase()) throw bad(`it does not start with "${hrp}1"`);
    words = decoded.words;
  } catch (err) {
    if (err instanceof VigilError) throw err;
    throw bad('bad Bech32 encoding or checksum');
  }
  let bytes: number[];
  try {
    bytes = bech32.fromWords(words);
  } catch {
    throw bad('bad Bech32 padding');
  }
  if (bytes.length !== 32) throw bad('the key is not 32 bytes');
  return Uint8Array.from(bytes);
}

/** Parses an X25519 recipient, "age1…". */
export function parseRecipient(text: string): AgeRecipient {
  return { kind: 'x25519', publicKey: decodeKey(text.trim(), RECIPIENT_HRP, 'age recipient ("age1…")') };
}

/** Parses an X25519 identity, "AGE-SECRET-KEY-1…". */
export function parseIdentity(text: string): AgeIdentity {
  return { kind: 'x25519', secretKey: decodeKey(text.trim(), IDENTITY_HRP, 'age identity ("AGE-SECRET-KEY-1…")') };
}

/** Encodes a 32-byte X25519 public key as an age recipient, "age1…". */
export function encodeRecipient(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new VigilError('INVALID_INPUT', 'An X25519 recipient key must be 32 bytes.');
  return bech32.encode(RECIPIENT_HRP, bech32.toWords(publicKey), BECH32_LIMIT);
}

/**
 * Encodes a 32-byte X25519 secret key as an age identity, "AGE-SECRET-KEY-1…" (upper case, as age-keygen writes it).
 */
export function encodeIdentity(secretKey: Uint8Array): string {
  if (secretKey.length !== 32) throw new VigilError('INVALID_INPUT', 'An X25519 secret key must be 32 bytes.');
  return bech32.encode(IDENTITY_HRP, bech32.toWords(secretKey), BECH32_LIMIT).toUpperCase();
}

/** A fresh X25519 key pair in raw and age text forms. */
export function generateX25519Identity(): {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  identity: string;
  recipient: string;
} {
  const secretKey = new Uint8Array(randomBytes(32));
  const publicKey = x25519PublicKey(secretKey);
  return { secretKey, publicKey, identity: encodeIdentity(secretKey), recipient: encodeRecipient(publicKey) };
}

/**
 * The identities in the text of an age identity file (`AGE-SECRET-KEY-1…` lines; `#` comments and blank
 * lines skipped), as `vigil verify --identity` and the verifier page read it. `source` names the file in errors.
 */
export function identitiesInText(text: string, source: string): AgeIdentity[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const ids = lines.map((l) => {
    try {
      return parseIdentity(l);
    } catch {
      throw new VigilError(
        'INVALID_INPUT',
        `${source} holds a line that is not an age identity (AGE-SECRET-KEY-1…). Give the key file made by ` +
          `age-keygen or vigil identity.`,
      );
    }
  });
  if (ids.length === 0)
    throw new VigilError('INVALID_INPUT', `${source} holds no age identity (a line starting AGE-SECRET-KEY-1).`);
  return ids;
}

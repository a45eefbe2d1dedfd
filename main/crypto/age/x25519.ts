import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { VigilError } from '../../../shared/errors';
import { openWithZeroNonce, sealWithZeroNonce } from './aead';
import { decodeB64, encodeB64 } from './base64';
import { FILE_KEY_SIZE, TAG_SIZE, type Stanza } from './types';

const LABEL = 'age-encryption.org/v1/X25519';
const KEY_SIZE = 32;

// Raw keys go to OpenSSL as JWK: importing DER (PKCS#8/SPKI) costs ~0.6 ms a key
// here against ~0.08 ms for JWK, which dominated the ingest of small files.
// A private JWK must carry `x`, but OpenSSL derives the public key from `d`
// and ignores `x`, so a placeholder is given (the KAT tests pin the result).
const PLACEHOLDER_X = Buffer.alloc(KEY_SIZE).toString('base64url');

function privateKeyObject(secretKey: Uint8Array): KeyObject {
  if (secretKey.length !== KEY_SIZE) throw new VigilError('INVALID_INPUT', 'An X25519 secret key must be 32 bytes.');
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d: Buffer.from(secretKey).toString('base64url'), x: PLACEHOLDER_X },
    format: 'jwk',
  });
}

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
}

function publicKeyBytes(key: KeyObject): Uint8Array {
  const { x } = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(x ?? '', 'base64url'));
}

/** The X25519 public key (age recipient key) of a 32-byte secret key. */
export function x25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return publicKeyBytes(privateKeyObject(secretKey));
}

/** X25519(secret, public), or null when the result is the all-zero value a low-order point gives. */
function sharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Buffer | null {
  return sharedSecretWith(privateKeyObject(secretKey), publicKey);
}

function sharedSecretWith(privateKey: KeyObject, publicKey: Uint8Array): Buffer | null {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: publicKeyObject(publicKey) });
  } catch {
    return null; // OpenSSL refuses the all-zero result itself
  }
  return shared.every((b) => b === 0) ? null : shared;
}

function wrapKey(shared: Buffer, share: Uint8Array, recipient: Uint8Array): Buffer {
  const salt = Buffer.concat([share, recipient]);
  return Buffer.from(hkdfSync('sha256', shared, salt, LABEL, 32));
}

/** Makes the `-> X25519` stanza that gives `fileKey` to the holder of `publicKey`. */
export function wrapX25519(fileKey: Uint8Array, publicKey: Uint8Array): Stanza {
  if (publicKey.length !== KEY_SIZE) throw new VigilError('INVALID_INPUT', 'An X25519 recipient key must be 32 bytes.');
  const ephemeral = generateKeyPairSync('x25519');
  const share = publicKeyBytes(ephemeral.publicKey);
  const shared = sharedSecretWith(ephemeral.privateKey, publicKey);
  if (!shared)
    throw new VigilError('INVALID_INPUT', 'The X25519 recipient key is a low-order point; use a real age recipient.');
  const key = wrapKey(shared, share, publicKey);
  shared.fill(0);
  const body = sealWithZeroNonce(key, fileKey);
  key.fill(0);
  return { type: 'X25519', args: [encodeB64(share)], body };
}

/**
 * Opens an X25519 stanza: the file key, or null when the stanza is not for this key.
 * A stanza that is malformed is an error, as in the reference implementation.
 */
export function unwrapX25519(stanza: Stanza, secretKey: Uint8Array, ourPublicKey: Uint8Array): Buffer | null {
  if (stanza.type !== 'X25519') return null;
  const bad = (why: string): VigilError =>
    new VigilError('AGE_MALFORMED', `The age header has an invalid X25519 stanza (${why}); the file is damaged.`);
  if (stanza.args.length !== 1) throw bad('wrong number of arguments');
  const share = decodeB64(stanza.args[0] ?? '', 'an X25519 share');
  if (share.length !== KEY_SIZE) throw bad('share is not 32 bytes');
  if (stanza.body.length !== FILE_KEY_SIZE + TAG_SIZE) throw bad('wrapped file key has the wrong size');
  const shared = sharedSecret(secretKey, share);
  if (!shared) throw bad('low-order share');
  const key = wrapKey(shared, share, ourPublicKey);
  shared.fill(0);
  try {
    return openWithZeroNonce(key, stanza.body);
  } finally {
    key.fill(0);
  }
}

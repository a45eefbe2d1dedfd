import { hkdfSync, randomBytes } from 'node:crypto';
import { VigilError } from '../../../shared/errors';
import { loadSodium } from '../../crypto/sodium';

/** Size of the master key, of every derived key and of an Ed25519 seed. */
const MASTER_KEY_BYTES = 32;

/** HKDF info strings; fixed by DESIGN §2, changing one makes every vault unreadable. */
const HKDF_INFO = {
  sqlcipher: 'vigil/v1/sqlcipher',
  blobIdentity: 'vigil/v1/blob-identity',
} as const;

/** Refuses keys of the wrong size: a short key here is always a programming error. */
function requireKey(key: Uint8Array, what: string): void {
  if (key.length !== MASTER_KEY_BYTES) {
    throw new VigilError('INVALID_INPUT', `The ${what} must be ${MASTER_KEY_BYTES} bytes, not ${key.length}.`);
  }
}

/** HKDF-SHA256 with an empty salt (the master key is already uniformly random). */
function hkdf32(masterKey: Uint8Array, info: string): Uint8Array {
  requireKey(masterKey, 'master key');
  return new Uint8Array(hkdfSync('sha256', masterKey, new Uint8Array(0), info, MASTER_KEY_BYTES));
}

/** Copies random bytes into a fresh array that owns its memory (Buffers may share a pool). */
function freshRandom(bytes: number): Uint8Array {
  const buf = randomBytes(bytes);
  const out = new Uint8Array(buf);
  buf.fill(0);
  return out;
}

/** A new random 32-byte master key. */
export function generateMasterKey(): Uint8Array {
  return freshRandom(MASTER_KEY_BYTES);
}

/** A new random 32-byte Ed25519 seed for a member's signing key. */
export function generateSigningSeed(): Uint8Array {
  return freshRandom(MASTER_KEY_BYTES);
}

/** The raw SQLCipher key: HKDF-SHA256(MK, info "vigil/v1/sqlcipher"). */
export function deriveSqlcipherKey(masterKey: Uint8Array): Uint8Array {
  return hkdf32(masterKey, HKDF_INFO.sqlcipher);
}

/** The X25519 secret key of the vault's age identity: HKDF-SHA256(MK, info "vigil/v1/blob-identity"). */
export function deriveBlobIdentitySecret(masterKey: Uint8Array): Uint8Array {
  return hkdf32(masterKey, HKDF_INFO.blobIdentity);
}

/** The Ed25519 key pair of a 32-byte seed (libsodium crypto_sign_seed_keypair); secretKey is 64 bytes. */
export async function signingKeyPairFromSeed(
  seed: Uint8Array,
): Promise<{ publicKey: Uint8Array; secretKey: Uint8Array }> {
  requireKey(seed, 'signing seed');
  const sodium = await loadSodium();
  const pair = sodium.crypto_sign_seed_keypair(seed);
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/**
 * The part of libsodium the verifying core uses, on @noble/curves and @noble/hashes, for the
 * offline verifier page (substituted for libsodium-wrappers-sumo there, whose WebAssembly a
 * strict page policy would have to allow). Ed25519 verification is RFC 8032 strict, as
 * libsodium's is (no ZIP-215 leniency). Signing is not offered: the page only verifies.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';

function refused(): never {
  throw new Error('The verifier page does not sign.');
}

const sodium = {
  ready: Promise.resolve(),
  crypto_sign_BYTES: 64,
  crypto_sign_PUBLICKEYBYTES: 32,
  crypto_sign_SECRETKEYBYTES: 64,
  /** Ed25519 verification; false (never a throw) for a malformed key or signature. */
  crypto_sign_verify_detached(sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    try {
      return ed25519.verify(sig, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  /** BLAKE2b with an output of `len` bytes (libsodium's generichash); keys are not used by the core. */
  crypto_generichash(len: number, data: Uint8Array, key: Uint8Array | null): Uint8Array {
    if (key !== null && key !== undefined) throw new Error('Keyed BLAKE2b is not available in the verifier page.');
    return blake2b(data, { dkLen: len });
  },
  crypto_sign_detached: refused,
  crypto_sign_seed_keypair: refused,
};

export default sodium;

import sodium from 'libsodium-wrappers-sumo';
import { VigilError } from '../../../shared/errors';
import { KEY_ID_BYTES, PUBLIC_KEY_BYTES } from './format';

/**
 * Vigil's minisign key id: the first 8 bytes of BLAKE2b-256(Ed25519 public key).
 * minisign itself picks a random id at key generation; deriving it from the
 * key instead means a member's id never needs storing and is the same wherever
 * their public key is known. Nothing outside Vigil depends on how the id is made.
 *
 * Synchronous so it can run inside database transactions; libsodium must have
 * loaded, which it always has once a vault is unlocked (`await loadSodium()` otherwise).
 */
export function minisignKeyId(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== PUBLIC_KEY_BYTES) {
    throw new VigilError(
      'INVALID_INPUT',
      `An Ed25519 public key must be ${PUBLIC_KEY_BYTES} bytes, not ${publicKey.length}.`,
    );
  }
  if (typeof (sodium as Partial<typeof sodium>).crypto_generichash !== 'function') {
    throw new VigilError(
      'INTERNAL',
      'libsodium has not loaded yet: await loadSodium() before computing a minisign key id.',
    );
  }
  return sodium.crypto_generichash(32, publicKey, null).slice(0, KEY_ID_BYTES);
}

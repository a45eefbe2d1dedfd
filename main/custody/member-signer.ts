import { loadSodium, wipe, type Sodium } from '../crypto/sodium';

/**
 * The acting member's Ed25519 key, ready to sign synchronously (database
 * transactions in better-sqlite3 are synchronous, and the custody entry must be
 * signed inside the transaction that records the change).
 */
export interface MemberSigner {
  readonly publicKey: Uint8Array;
  readonly publicKeyHex: string;
  /** Detached Ed25519 signature of `message`. */
  sign(message: Uint8Array): Uint8Array;
  /** The key pair, for formats that sign with it directly (checkpoints, minisign). */
  keyPair(): { publicKey: Uint8Array; secretKey: Uint8Array };
  /** Overwrites the secret key; the signer cannot sign afterwards. */
  wipe(): void;
}

/** Builds a signer from a 32-byte Ed25519 seed; the seed is not kept. */
export async function signerFromSeed(seed: Uint8Array): Promise<MemberSigner> {
  const sodium = await loadSodium();
  const pair = sodium.crypto_sign_seed_keypair(seed);
  return makeSigner(sodium, pair.publicKey, pair.privateKey);
}

function makeSigner(sodium: Sodium, publicKey: Uint8Array, secretKey: Uint8Array): MemberSigner {
  let wiped = false;
  return {
    publicKey,
    publicKeyHex: Buffer.from(publicKey).toString('hex'),
    sign(message) {
      if (wiped) throw new Error('The signing key was wiped (vault locked).');
      return sodium.crypto_sign_detached(message, secretKey);
    },
    keyPair() {
      return { publicKey, secretKey };
    },
    wipe() {
      wiped = true;
      wipe(secretKey);
    },
  };
}

/** Who a file is encrypted to: an X25519 public key or a passphrase. */
export type AgeRecipient =
  { kind: 'x25519'; publicKey: Uint8Array } | { kind: 'scrypt'; passphrase: Uint8Array; logN?: number };

/** What can open a file: an X25519 secret key or a passphrase (with the largest scrypt work factor to accept). */
export type AgeIdentity =
  { kind: 'x25519'; secretKey: Uint8Array } | { kind: 'scrypt'; passphrase: Uint8Array; maxLogN?: number };

/** One recipient stanza of an age header: `-> type args…` and its body. */
export interface Stanza {
  type: string;
  args: string[];
  body: Buffer;
}

/** The age file key is always 16 bytes. */
export const FILE_KEY_SIZE = 16;
/** Plaintext bytes per STREAM chunk. */
export const CHUNK_SIZE = 64 * 1024;
/** Poly1305 tag bytes appended to every chunk. */
export const TAG_SIZE = 16;
/** Ciphertext bytes of a full chunk. */
export const ENC_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
/** Bytes of the random payload nonce that follows the header. */
export const PAYLOAD_NONCE_SIZE = 16;

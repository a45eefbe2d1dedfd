import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { VigilError } from '../../../shared/errors';
import { loadSodium } from '../sodium';
import {
  checkComment,
  encodeMinisignSignature,
  keyIdHex,
  KEY_ID_BYTES,
  MAX_TRUSTED_COMMENT_BYTES,
  MAX_UNTRUSTED_COMMENT_BYTES,
  PREHASHED_ALG,
  PUBLIC_KEY_BYTES,
  SECRET_KEY_BYTES,
} from './format';

/** A minisign signing key: the Ed25519 key pair (libsodium form) and its 8-byte key id. */
export interface MinisignKey {
  keyId: Uint8Array;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/** Read size when hashing files: large enough that the per-chunk overhead vanishes next to BLAKE2b. */
const HASH_READ_BYTES = 1 << 20;

/** A BLAKE2b-512 hash in progress; Node's (OpenSSL) BLAKE2b-512 is libsodium's crypto_generichash(64), only faster. */
function newPrehash(): Hash {
  return createHash('blake2b512');
}

/** BLAKE2b-512 of a file, read in chunks so memory stays flat for multi-GiB files. */
export async function prehashFile(path: string): Promise<Uint8Array> {
  const hash = newPrehash();
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: HASH_READ_BYTES })) hash.update(chunk as Buffer);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VigilError('NOT_FOUND', `No file at ${path}. Check the path.`, { cause });
    throw new VigilError('IO_ERROR', `Cannot read ${path} (${code ?? 'read error'}).`, { cause });
  }
  return new Uint8Array(hash.digest());
}

/** BLAKE2b-512 of bytes given whole or as a sequence of chunks. */
export function prehashData(data: Uint8Array | Iterable<Uint8Array>): Uint8Array {
  const hash = newPrehash();
  if (data instanceof Uint8Array) hash.update(data);
  else for (const chunk of data) hash.update(chunk);
  return new Uint8Array(hash.digest());
}

function checkKey(key: MinisignKey): void {
  const ok =
    key.keyId.length === KEY_ID_BYTES &&
    key.publicKey.length === PUBLIC_KEY_BYTES &&
    key.secretKey.length === SECRET_KEY_BYTES;
  if (!ok)
    throw new VigilError(
      'INVALID_INPUT',
      'The minisign key is malformed (key id 8 bytes, public key 32, secret key 64).',
    );
  // libsodium's secret key ends with its public key: a mismatch would sign as someone else.
  if (!Buffer.from(key.secretKey.subarray(32)).equals(Buffer.from(key.publicKey))) {
    throw new VigilError('INVALID_INPUT', 'The minisign secret key does not belong to the given public key.');
  }
}

/** Checks key and comments before any hashing; returns the untrusted comment to write. */
function checkSignInputs(key: MinisignKey, trustedComment: string, untrustedComment: string | undefined): string {
  checkKey(key);
  const untrusted = untrustedComment ?? `signature from minisign secret key ${keyIdHex(key.keyId)}`;
  checkComment(trustedComment, MAX_TRUSTED_COMMENT_BYTES, 'trusted comment');
  checkComment(untrusted, MAX_UNTRUSTED_COMMENT_BYTES, 'untrusted comment');
  return untrusted;
}

/** Signs a BLAKE2b-512 prehash: the signature file text ('ED' algorithm). */
async function signPrehash(
  prehash: Uint8Array,
  key: MinisignKey,
  trustedComment: string,
  untrustedComment?: string,
): Promise<string> {
  const untrusted = checkSignInputs(key, trustedComment, untrustedComment);
  if (prehash.length !== 64)
    throw new VigilError('INVALID_INPUT', 'A minisign prehash is the 64-byte BLAKE2b-512 of the data.');
  const sodium = await loadSodium();
  const signature = sodium.crypto_sign_detached(prehash, key.secretKey);
  const globalSignature = sodium.crypto_sign_detached(
    Buffer.concat([signature, Buffer.from(trustedComment, 'utf8')]),
    key.secretKey,
  );
  return encodeMinisignSignature({
    untrustedComment: untrusted,
    algorithm: PREHASHED_ALG,
    keyId: key.keyId,
    signature,
    trustedComment,
    globalSignature,
  });
}

/** Signs data (whole, or as chunks) in the minisign prehashed format; returns the .minisig text. */
export async function minisignSign(
  data: Uint8Array | Iterable<Uint8Array>,
  key: MinisignKey,
  trustedComment: string,
  untrustedComment?: string,
): Promise<string> {
  return signPrehash(prehashData(data), key, trustedComment, untrustedComment);
}

/** Signs a file, streaming it through BLAKE2b-512; returns the .minisig text. */
export async function minisignSignFile(
  path: string,
  key: MinisignKey,
  trustedComment: string,
  untrustedComment?: string,
): Promise<string> {
  checkSignInputs(key, trustedComment, untrustedComment);
  return signPrehash(await prehashFile(path), key, trustedComment, untrustedComment);
}

import { randomBytes, scrypt } from 'node:crypto';
import { VigilError } from '../../../shared/errors';
import { openWithZeroNonce, sealWithZeroNonce } from './aead';
import { decodeB64, encodeB64 } from './base64';
import { FILE_KEY_SIZE, TAG_SIZE, type Stanza } from './types';

const LABEL = Buffer.from('age-encryption.org/v1/scrypt', 'latin1');
const SALT_SIZE = 16;
const R = 8;
/** The work factor (log2 N) used to encrypt when none is given, as `age -p` does. */
export const DEFAULT_SCRYPT_LOG_N = 18;
/** The largest work factor a file may ask of us when decrypting, unless the identity allows more. */
export const DEFAULT_MAX_SCRYPT_LOG_N = 22;
const MAX_SUPPORTED_LOG_N = 30;

function deriveKey(passphrase: Uint8Array, salt: Uint8Array, logN: number): Promise<Buffer> {
  const n = 2 ** logN;
  // OpenSSL's estimate is 128·r·(N + p + 2) bytes; leave headroom over it.
  const maxmem = 128 * R * (n + 3) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, Buffer.concat([LABEL, salt]), 32, { N: n, r: R, p: 1, maxmem }, (err, key) => {
      if (err)
        reject(
          new VigilError('INTERNAL', `scrypt failed (work factor ${logN}); there may not be enough memory.`, {
            cause: err,
          }),
        );
      else resolve(key);
    });
  });
}

/** Makes the `-> scrypt` stanza that gives `fileKey` to whoever knows the passphrase. */
export async function wrapScrypt(
  fileKey: Uint8Array,
  passphrase: Uint8Array,
  logN = DEFAULT_SCRYPT_LOG_N,
): Promise<Stanza> {
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_SUPPORTED_LOG_N) {
    throw new VigilError(
      'INVALID_INPUT',
      `The scrypt work factor must be a whole number from 1 to ${MAX_SUPPORTED_LOG_N}.`,
    );
  }
  const salt = randomBytes(SALT_SIZE);
  const key = await deriveKey(passphrase, salt, logN);
  const body = sealWithZeroNonce(key, fileKey);
  key.fill(0);
  return { type: 'scrypt', args: [encodeB64(salt), String(logN)], body };
}

/**
 * Opens a scrypt stanza: the file key, or null when the passphrase is wrong.
 * The work factor is checked before any work is done, so a hostile file cannot stall us.
 */
export async function unwrapScrypt(
  stanza: Stanza,
  passphrase: Uint8Array,
  maxLogN = DEFAULT_MAX_SCRYPT_LOG_N,
): Promise<Buffer | null> {
  if (stanza.type !== 'scrypt') return null;
  const bad = (why: string): VigilError =>
    new VigilError('AGE_MALFORMED', `The age header has an invalid scrypt stanza (${why}); the file is damaged.`);
  const [saltText, logNText] = stanza.args;
  if (stanza.args.length !== 2 || saltText === undefined || logNText === undefined)
    throw bad('wrong number of arguments');
  const salt = decodeB64(saltText, 'an scrypt salt');
  if (salt.length !== SALT_SIZE) throw bad('salt is not 16 bytes');
  if (!/^[1-9][0-9]{0,1}$/.test(logNText)) throw bad('work factor is not a plain decimal number');
  const logN = Number(logNText);
  if (logN > Math.min(maxLogN, MAX_SUPPORTED_LOG_N)) {
    throw new VigilError(
      'AGE_MALFORMED',
      `The file asks for scrypt work factor ${logN}, above the allowed ${maxLogN}; it may be hostile.`,
    );
  }
  if (stanza.body.length !== FILE_KEY_SIZE + TAG_SIZE) throw bad('wrapped file key has the wrong size');
  const key = await deriveKey(passphrase, salt, logN);
  try {
    return openWithZeroNonce(key, stanza.body);
  } finally {
    key.fill(0);
  }
}

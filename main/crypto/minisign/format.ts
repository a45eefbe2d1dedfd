import { VigilError } from '../../../shared/errors';

/**
 * The minisign text formats (jedisct1/minisign 0.11), byte for byte, so the
 * `minisign` command verifies what Vigil signs and the other way round.
 *
 * Public key:  "untrusted comment: …\n" + base64("Ed" ‖ key id[8] ‖ Ed25519 pk[32]) + "\n"
 * Signature:   "untrusted comment: …\n" + base64(alg[2] ‖ key id[8] ‖ sig[64]) + "\n"
 *              + "trusted comment: …\n" + base64(Ed25519(sig ‖ trusted comment)) + "\n"
 */

/** Bytes of a minisign key id. */
export const KEY_ID_BYTES = 8;
/** Bytes of an Ed25519 public key. */
export const PUBLIC_KEY_BYTES = 32;
/** Bytes of libsodium's Ed25519 secret key (seed ‖ public key). */
export const SECRET_KEY_BYTES = 64;
/** Bytes of an Ed25519 signature. */
const SIGNATURE_BYTES = 64;

/** The key algorithm of every minisign public key. */
const KEY_ALG = 'Ed';
/** Signature over BLAKE2b-512 of the data: what minisign 0.11 writes by default and what Vigil accepts. */
export const PREHASHED_ALG = 'ED';
/** Signature over the raw data (minisign's `-l` legacy mode): refused, it cannot be checked while streaming. */
export const LEGACY_ALG = 'Ed';

/** How the first line of every minisign file starts. */
const UNTRUSTED_PREFIX = 'untrusted comment: ';
/** How the signed comment line of a signature file starts. */
const TRUSTED_PREFIX = 'trusted comment: ';

/** minisign's own limit on an untrusted comment (COMMENTMAXBYTES less prefix and line end). */
export const MAX_UNTRUSTED_COMMENT_BYTES = 1024 - UNTRUSTED_PREFIX.length - 2;
/** minisign's own limit on a trusted comment (TRUSTEDCOMMENTMAXBYTES less prefix and line end). */
export const MAX_TRUSTED_COMMENT_BYTES = 8192 - TRUSTED_PREFIX.length - 2;

/** A parsed signature file; nothing in it is trusted until verified. */
export interface MinisignSignatureParts {
  untrustedComment: string;
  algorithm: string;
  keyId: Uint8Array;
  signature: Uint8Array;
  trustedComment: string;
  globalSignature: Uint8Array;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Strict padded base64: Node's decoder skips junk, so the bytes are re-encoded and compared. */
function decodeStrictB64(text: string): Uint8Array | null {
  if (!B64.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : null;
}

/** Standard padded base64, as minisign writes it. */
function encodeB64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The key id as minisign prints it: the 8 bytes read as a little-endian integer, 16 upper-case hex digits. */
export function keyIdHex(keyId: Uint8Array): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase();
}

/** Refuses a comment minisign could not read back (a line break or over its limit). */
export function checkComment(comment: string, max: number, what: string): void {
  if (/[\r\n]/.test(comment))
    throw new VigilError('INVALID_INPUT', `The ${what} must be one line; remove the line break.`);
  const bytes = Buffer.byteLength(comment, 'utf8');
  if (bytes > max)
    throw new VigilError('INVALID_INPUT', `The ${what} is ${bytes} bytes; minisign accepts at most ${max}.`);
}

function requireLength(bytes: Uint8Array, length: number, what: string): void {
  if (bytes.length !== length)
    throw new VigilError('INVALID_INPUT', `The ${what} must be ${length} bytes, not ${bytes.length}.`);
}

/** The .pub file text for an Ed25519 public key and its key id. */
export function encodeMinisignPublicKey(keyId: Uint8Array, publicKey: Uint8Array, comment?: string): string {
  requireLength(keyId, KEY_ID_BYTES, 'minisign key id');
  requireLength(publicKey, PUBLIC_KEY_BYTES, 'Ed25519 public key');
  const text = comment ?? `minisign public key ${keyIdHex(keyId)}`;
  checkComment(text, MAX_UNTRUSTED_COMMENT_BYTES, 'public key comment');
  return `${UNTRUSTED_PREFIX}${text}\n${minisignPublicKeyLine(keyId, publicKey)}\n`;
}

/** The bare base64 line of a public key, as `minisign -P` takes it. */
export function minisignPublicKeyLine(keyId: Uint8Array, publicKey: Uint8Array): string {
  return encodeB64(Buffer.concat([Buffer.from(KEY_ALG, 'ascii'), keyId, publicKey]));
}

/** The non-empty lines of a text, with CRLF endings and surrounding blanks removed. */
function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
}

/** Parses a minisign public key: the whole .pub file, or just its base64 line. */
export function parseMinisignPublicKey(text: string): { keyId: Uint8Array; publicKey: Uint8Array } {
  const bad = (why: string): VigilError =>
    new VigilError(
      'INVALID_INPUT',
      `That is not a minisign public key (${why}). Give the .pub file or its base64 line (it starts with "RW").`,
    );
  const ls = lines(text);
  const body = ls.length === 2 && ls[0]?.startsWith(UNTRUSTED_PREFIX) ? ls[1] : ls.length === 1 ? ls[0] : undefined;
  if (body === undefined) throw bad('expected one comment line and one key line');
  const bytes = decodeStrictB64(body.trim());
  if (!bytes) throw bad('invalid base64');
  if (bytes.length !== 2 + KEY_ID_BYTES + PUBLIC_KEY_BYTES) throw bad(`${bytes.length} bytes instead of 42`);
  if (Buffer.from(bytes.subarray(0, 2)).toString('latin1') !== KEY_ALG) throw bad('unknown key algorithm');
  return { keyId: bytes.slice(2, 2 + KEY_ID_BYTES), publicKey: bytes.slice(2 + KEY_ID_BYTES) };
}

/** The text of a signature file. */
export function encodeMinisignSignature(parts: MinisignSignatureParts): string {
  const line = encodeB64(Buffer.concat([Buffer.from(parts.algorithm, 'ascii'), parts.keyId, parts.signature]));
  return `${UNTRUSTED_PREFIX}${parts.untrustedComment}\n${line}\n${TRUSTED_PREFIX}${parts.trustedComment}\n${encodeB64(parts.globalSignature)}\n`;
}

/** Parses a signature file into its parts, or says why it is not one. Never throws. */
export function parseMinisignSignature(
  text: string,
): { ok: true; parts: MinisignSignatureParts } | { ok: false; reason: string } {
  const ls = typeof text === 'string' ? lines(text) : [];
  if (ls.length !== 4) return { ok: false, reason: `the signature file has ${ls.length} lines instead of 4` };
  const [untrusted = '', sigLine = '', trusted = '', globalLine = ''] = ls;
  if (!untrusted.startsWith(UNTRUSTED_PREFIX))
    return { ok: false, reason: 'the first line is not an untrusted comment' };
  if (!trusted.startsWith(TRUSTED_PREFIX)) return { ok: false, reason: 'the third line is not a trusted comment' };
  const sig = decodeStrictB64(sigLine.trim());
  if (!sig || sig.length !== 2 + KEY_ID_BYTES + SIGNATURE_BYTES)
    return { ok: false, reason: 'the signature line is not valid base64 of 74 bytes' };
  const global = decodeStrictB64(globalLine.trim());
  if (!global || global.length !== SIGNATURE_BYTES)
    return { ok: false, reason: 'the global signature line is not valid base64 of 64 bytes' };
  return {
    ok: true,
    parts: {
      untrustedComment: untrusted.slice(UNTRUSTED_PREFIX.length),
      algorithm: Buffer.from(sig.subarray(0, 2)).toString('latin1'),
      keyId: sig.slice(2, 2 + KEY_ID_BYTES),
      signature: sig.slice(2 + KEY_ID_BYTES),
      trustedComment: trusted.slice(TRUSTED_PREFIX.length),
      globalSignature: global,
    },
  };
}

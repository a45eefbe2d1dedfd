import { loadSodium } from '../sodium';
import {
  KEY_ID_BYTES,
  keyIdHex,
  LEGACY_ALG,
  parseMinisignSignature,
  PREHASHED_ALG,
  PUBLIC_KEY_BYTES,
  type MinisignSignatureParts,
} from './format';
import { prehashData, prehashFile } from './sign';

/** A minisign public key as parsed from a .pub file. */
export interface MinisignPublicKey {
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * The outcome of a verification. `trustedComment` is given only when `ok`
 * (before that it is unauthenticated text); `reason` says what failed.
 */
export interface MinisignVerifyResult {
  ok: boolean;
  trustedComment?: string;
  reason?: string;
}

type Checked = { ok: true; parts: MinisignSignatureParts } | { ok: false; reason: string };

/** Everything that can be checked before the data is hashed: format, algorithm, key, key id. */
function precheck(signatureText: string, key: MinisignPublicKey): Checked {
  if (
    !(key.publicKey instanceof Uint8Array) ||
    key.publicKey.length !== PUBLIC_KEY_BYTES ||
    !(key.keyId instanceof Uint8Array) ||
    key.keyId.length !== KEY_ID_BYTES
  ) {
    return { ok: false, reason: 'the public key is malformed (32-byte key and 8-byte key id expected)' };
  }
  const parsed = parseMinisignSignature(signatureText);
  if (!parsed.ok) return parsed;
  const { algorithm, keyId } = parsed.parts;
  if (algorithm === LEGACY_ALG)
    return {
      ok: false,
      reason:
        'legacy signature (algorithm "Ed", not prehashed): not accepted; sign again with minisign 0.11 or ' +
        'later without -l',
    };
  if (algorithm !== PREHASHED_ALG)
    return { ok: false, reason: `unknown signature algorithm "${algorithm.replace(/[^\x20-\x7e]/g, '?')}"` };
  if (!Buffer.from(keyId).equals(Buffer.from(key.keyId))) {
    return {
      ok: false,
      reason: `the signature was made with key ${keyIdHex(keyId)}, not with the given key ${keyIdHex(key.keyId)}`,
    };
  }
  return parsed;
}

/** Checks the signature over the prehash, then the global signature over signature ‖ trusted comment. */
async function finish(
  parts: MinisignSignatureParts,
  prehash: Uint8Array,
  key: MinisignPublicKey,
): Promise<MinisignVerifyResult> {
  const sodium = await loadSodium();
  if (!sodium.crypto_sign_verify_detached(parts.signature, prehash, key.publicKey)) {
    return {
      ok: false,
      reason: 'the signature does not match the data: the file was changed, or the signature belongs to another file',
    };
  }
  const signed = Buffer.concat([parts.signature, Buffer.from(parts.trustedComment, 'utf8')]);
  if (!sodium.crypto_sign_verify_detached(parts.globalSignature, signed, key.publicKey)) {
    return { ok: false, reason: 'the trusted comment or its global signature was altered' };
  }
  return { ok: true, trustedComment: parts.trustedComment };
}

/** A failed result for an unexpected throw: bad input must never crash a verifier. */
function unexpected(err: unknown): MinisignVerifyResult {
  return {
    ok: false,
    reason: `the signature could not be checked (${err instanceof Error ? err.message : String(err)})`,
  };
}

/** Verifies a minisign signature of in-memory data; never throws on bad input, it says why instead. */
export async function minisignVerify(
  data: Uint8Array,
  signatureText: string,
  publicKey: MinisignPublicKey,
): Promise<MinisignVerifyResult> {
  try {
    const checked = precheck(signatureText, publicKey);
    if (!checked.ok) return { ok: false, reason: checked.reason };
    return await finish(checked.parts, prehashData(data), publicKey);
  } catch (err) {
    return unexpected(err);
  }
}

/**
 * Verifies a minisign signature of a file, streaming it through BLAKE2b-512.
 * A bad signature is a result, not an error; only an unreadable file throws
 * (NOT_FOUND or IO_ERROR), because that is no verdict on the signature.
 */
export async function minisignVerifyFile(
  path: string,
  signatureText: string,
  publicKey: MinisignPublicKey,
): Promise<MinisignVerifyResult> {
  let parts: MinisignSignatureParts;
  try {
    // Checked before hashing, so a wrong key or a damaged signature fails fast on a multi-GiB file.
    const checked = precheck(signatureText, publicKey);
    if (!checked.ok) return { ok: false, reason: checked.reason };
    parts = checked.parts;
  } catch (err) {
    return unexpected(err);
  }
  const prehash = await prehashFile(path);
  try {
    return await finish(parts, prehash, publicKey);
  } catch (err) {
    return unexpected(err);
  }
}

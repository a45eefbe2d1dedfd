import { createHash } from 'node:crypto';
import { VigilError } from '../../shared/errors';
import { loadSodium } from '../crypto/sodium';
import { bytesEqual, isHex32, toHex } from './encoding';
import {
  SIGNATURE_LINE_PREFIX,
  isValidKeyName,
  parseCheckpoint,
  parseCheckpointBody,
  type ParsedCheckpoint,
} from './checkpoint-parse';

export { parseCheckpoint, type ParsedCheckpoint } from './checkpoint-parse';

/** C2SP signed-note signature type of Ed25519. */
const ED25519_SIG_TYPE = 0x01;
const PUBLIC_KEY_BYTES = 32;

function checkPublicKey(publicKey: Uint8Array): void {
  if (publicKey.byteLength !== PUBLIC_KEY_BYTES) {
    throw new VigilError(
      'INVALID_INPUT',
      `An Ed25519 public key must be ${PUBLIC_KEY_BYTES} bytes, got ${publicKey.byteLength}.`,
    );
  }
}

/** The checkpoint origin line of a vault: "vigil/<vault id>". */
export function checkpointOrigin(vaultId: string): string {
  return `vigil/${vaultId}`;
}

/** The C2SP tlog-checkpoint body: "<origin>\n<size>\n<base64 root>\n". */
export function checkpointBody(origin: string, size: number, root: Uint8Array): string {
  const body = `${origin}\n${size}\n${Buffer.from(root).toString('base64')}\n`;
  try {
    parseCheckpointBody(body);
  } catch (cause) {
    throw new VigilError(
      'INVALID_INPUT',
      `Cannot make a checkpoint of origin "${origin}", size ${size}: ${cause instanceof Error ? cause.message : ''}`,
      { cause },
    );
  }
  return body;
}

/** The signed-note key name of a member: "vigil-" + the first 16 hex digits of the key. */
export function noteKeyName(publicKeyHex: string): string {
  if (!isHex32(publicKeyHex))
    throw new VigilError('INVALID_INPUT', 'A member public key must be 64 lowercase hex digits.');
  return `vigil-${publicKeyHex.slice(0, 16)}`;
}

/** Signed-note key id: the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key). */
export function noteKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  checkPublicKey(publicKey);
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_SIG_TYPE]))
    .update(publicKey)
    .digest();
  return digest.subarray(0, 4);
}

/** The signed-note verifier key: "<name>+<hex key id>+<base64(0x01 ‖ public key)>". */
export function verifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name))
    throw new VigilError('INVALID_INPUT', `"${name}" cannot be a signed-note key name (no spaces or '+').`);
  const typed = Buffer.concat([Buffer.from([ED25519_SIG_TYPE]), publicKey]);
  return `${name}+${toHex(noteKeyId(name, publicKey))}+${typed.toString('base64')}`;
}

/** Signs a checkpoint body as a C2SP signed note: body, blank line, "— <name> <base64(key id ‖ signature)>". */
export async function signCheckpoint(
  body: string,
  signer: { publicKey: Uint8Array; secretKey: Uint8Array },
): Promise<string> {
  try {
    parseCheckpointBody(body);
  } catch (cause) {
    throw new VigilError('INVALID_INPUT', 'Refusing to sign text that is not a checkpoint body.', { cause });
  }
  checkPublicKey(signer.publicKey);
  const sodium = await loadSodium();
  // A libsodium secret key carries its public key in the last 32 bytes: refuse a mismatched pair.
  if (
    signer.secretKey.byteLength !== sodium.crypto_sign_SECRETKEYBYTES ||
    !bytesEqual(signer.secretKey.subarray(32), signer.publicKey)
  ) {
    throw new VigilError('INVALID_INPUT', 'The checkpoint signing key does not belong to the given public key.');
  }
  const name = noteKeyName(toHex(signer.publicKey));
  const sig = sodium.crypto_sign_detached(Buffer.from(body, 'utf8'), signer.secretKey);
  const encoded = Buffer.concat([noteKeyId(name, signer.publicKey), sig]).toString('base64');
  return `${body}\n${SIGNATURE_LINE_PREFIX}${name} ${encoded}\n`;
}

/** Outcome of checking a checkpoint note against trusted member keys. */
export interface CheckpointVerification {
  ok: boolean;
  checkpoint?: ParsedCheckpoint;
  signer?: string;
  reason?: string;
}

/**
 * Verifies a checkpoint note: at least one signature by a trusted key must verify. Per signed-note,
 * signatures by unknown keys are ignored, but a failing signature by a trusted key rejects the note,
 * and so does one under a name other than that key's own (noteKeyName).
 */
export async function verifyCheckpoint(
  note: string,
  trustedKeys: readonly Uint8Array[],
): Promise<CheckpointVerification> {
  trustedKeys.forEach(checkPublicKey);
  let checkpoint: ParsedCheckpoint;
  try {
    checkpoint = parseCheckpoint(note);
  } catch (cause) {
    return { ok: false, reason: cause instanceof Error ? cause.message : String(cause) };
  }
  const sodium = await loadSodium();
  const message = Buffer.from(checkpoint.body, 'utf8');
  let signer: string | undefined;
  for (const sig of checkpoint.signatures) {
    // The key id binds name and key, so it is matched under the name the note itself gives.
    const key = trustedKeys.find((k) => bytesEqual(noteKeyId(sig.name, k), sig.keyId));
    if (!key) continue;
    // A member's key has one name; any other would let a note claim another signer's name for it.
    const expected = noteKeyName(toHex(key));
    if (sig.name !== expected)
      return {
        ok: false,
        checkpoint,
        reason:
          `A checkpoint signature by a trusted key is signed under the name "${sig.name}", but that key's name ` +
          `is "${expected}": the checkpoint was not made by Vigil as it is.`,
      };
    const valid =
      sig.signature.length === sodium.crypto_sign_BYTES &&
      sodium.crypto_sign_verify_detached(sig.signature, message, key);
    if (!valid)
      return {
        ok: false,
        checkpoint,
        reason: `The checkpoint signature by ${sig.name} does not verify: the checkpoint was altered.`,
      };
    signer ??= toHex(key);
  }
  if (signer === undefined)
    return { ok: false, checkpoint, reason: 'The checkpoint carries no signature by a trusted member key.' };
  return { ok: true, checkpoint, signer };
}

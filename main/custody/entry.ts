import { hash } from 'node:crypto';
import { z } from 'zod';
import { VigilError } from '../../shared/errors';
import { canonicalJson, canonicalJsonAsWritten } from '../crypto/canonical-json';
import { loadSodium, type Sodium } from '../crypto/sodium';
import { HEX32_RE, decodeBase64Strict, isHex32 } from './encoding';
import {
  ACTION_RE,
  MAX_ACTION,
  MAX_SUBJECT,
  TS_RE,
  UUID_RE,
  isRealInstant,
  isSurelyCanonical,
  isSurelyValidEntry,
} from './entry-fast';

/** One custody log entry, exactly the members of DESIGN §3 (no more, no fewer). */
export interface CustodyEntry {
  v: 1;
  vault: string;
  seq: number;
  ts: string;
  actor: string;
  action: string;
  subject: string | null;
  hash: string | null;
  data: Record<string, unknown>;
  prev: string;
}

/** The `prev` of seq 0: 64 zeros. */
export const ZERO_HASH = '0'.repeat(64);

/** Domain separation for entry signatures, so they cannot be replayed as any other signed message. */
export const SIGNATURE_CONTEXT = 'vigil-custody-v1\n';

const CONTEXT_BYTES = Buffer.from(SIGNATURE_CONTEXT, 'utf8');

// What a person should do when the log is damaged: an evidence vault is never "repaired" in place.
const WHAT_TO_DO = 'Keep the vault unchanged and compare it with a backup or an exported checkpoint.';

const hex32 = z.string().regex(HEX32_RE, 'expected 64 lowercase hex digits');

/** Zod schema of a custody entry: exactly the DESIGN §3 members, formats checked. */
export const custodyEntrySchema = z.strictObject({
  v: z.literal(1),
  vault: z.string().regex(UUID_RE, 'expected a lowercase UUID'),
  seq: z.int().nonnegative(),
  ts: z
    .string()
    .regex(TS_RE, 'expected RFC 3339 UTC with milliseconds')
    .refine(isRealInstant, 'not a real date and time'),
  actor: hex32,
  action: z.string().max(MAX_ACTION).regex(ACTION_RE, 'expected a dotted name such as item.ingested'),
  subject: z.string().min(1).max(MAX_SUBJECT).nullable(),
  hash: hex32.nullable(),
  data: z.record(z.string(), z.unknown()),
  prev: hex32,
});

/**
 * Parses stored canonical JSON into an entry. Throws CUSTODY_BROKEN unless the text is a
 * valid entry AND byte-identical to its own RFC 8785 form (so the signed bytes are the stored bytes).
 */
export function parseCanonicalEntry(text: string): CustodyEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new VigilError(
      'CUSTODY_BROKEN',
      `A custody entry is not valid JSON; the log was damaged or edited. ${WHAT_TO_DO}`,
      { cause },
    );
  }
  const checked = isSurelyValidEntry(raw) ? null : custodyEntrySchema.safeParse(raw);
  if (checked && !checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(entry)'}: ${issue.message}` : 'invalid';
    throw new VigilError(
      'CUSTODY_BROKEN',
      `A custody entry does not match the entry format (${where}); the log was damaged or edited. ${WHAT_TO_DO}`,
    );
  }
  if (!isSurelyCanonical(raw, text) && !isCanonicalAsWritten(raw, text)) {
    throw new VigilError(
      'CUSTODY_BROKEN',
      `A custody entry is not stored in its canonical (RFC 8785) form; it was edited outside Vigil. ${WHAT_TO_DO}`,
    );
  }
  // The raw parse, not zod's copy: zod rebuilds records and would drop a "__proto__" key.
  return raw as CustodyEntry;
}

/** Whether `text` is the canonical form `raw` was signed in (entries from before unpaired surrogates were refused included). */
function isCanonicalAsWritten(raw: unknown, text: string): boolean {
  try {
    return canonicalJsonAsWritten(raw) === text;
  } catch {
    return false;
  }
}

/**
 * RFC 8785 canonical UTF-8 bytes of an entry. Throws INVALID_INPUT for anything that would
 * not verify later (bad formats, non-JSON values in `data`), so no unverifiable entry is written.
 */
export function canonicalEntryBytes(entry: CustodyEntry): Uint8Array {
  const text = canonicalJson(entry);
  try {
    parseCanonicalEntry(text);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new VigilError('INVALID_INPUT', `Refusing to write a custody entry that would not verify: ${why}`, { cause });
  }
  return Buffer.from(text, 'utf8');
}

/** Lowercase hex SHA-256 of canonical bytes: the `prev` of the next entry. */
export function entryHashHex(canonical: Uint8Array): string {
  return hash('sha256', canonical, 'hex');
}

/** The exact bytes an entry signature covers: SIGNATURE_CONTEXT ‖ canonical. */
function signedMessage(canonical: Uint8Array): Buffer {
  return Buffer.concat([CONTEXT_BYTES, canonical]);
}

/** SIGNATURE_CONTEXT ‖ canonical text in one allocation; the canonical bytes are `.subarray(CONTEXT_LENGTH)`. */
export function signedMessageOfText(canonicalText: string): Buffer {
  return Buffer.from(SIGNATURE_CONTEXT + canonicalText, 'utf8');
}

/** Byte length of SIGNATURE_CONTEXT. */
export const CONTEXT_LENGTH = CONTEXT_BYTES.length;

/** Base64 Ed25519 signature (libsodium, 64-byte secret key) over SIGNATURE_CONTEXT ‖ canonical. */
export async function signEntry(canonical: Uint8Array, secretKey: Uint8Array): Promise<string> {
  const sodium = await loadSodium();
  if (secretKey.byteLength !== sodium.crypto_sign_SECRETKEYBYTES) {
    throw new VigilError(
      'INVALID_INPUT',
      `An Ed25519 secret key must be ${sodium.crypto_sign_SECRETKEYBYTES} bytes, got ${secretKey.byteLength}.`,
    );
  }
  const sig = sodium.crypto_sign_detached(signedMessage(canonical), secretKey);
  return Buffer.from(sig).toString('base64');
}

/** Synchronous check of a signature over an already built signedMessage; false for any malformed signature or key. */
export function verifySignedMessage(
  sodium: Sodium,
  message: Uint8Array,
  sigB64: string,
  publicKey: Uint8Array,
): boolean {
  const sig = decodeBase64Strict(sigB64);
  if (!sig || sig.byteLength !== sodium.crypto_sign_BYTES) return false;
  if (publicKey.byteLength !== sodium.crypto_sign_PUBLICKEYBYTES) return false;
  try {
    return sodium.crypto_sign_verify_detached(sig, message, publicKey);
  } catch {
    return false;
  }
}

/** True when `sigB64` is the actor's Ed25519 signature over SIGNATURE_CONTEXT ‖ canonical. */
export async function verifyEntrySignature(
  canonical: Uint8Array,
  sigB64: string,
  publicKeyHex: string,
): Promise<boolean> {
  if (!isHex32(publicKeyHex)) return false;
  const sodium = await loadSodium();
  return verifySignedMessage(sodium, signedMessage(canonical), sigB64, Buffer.from(publicKeyHex, 'hex'));
}

/** The device clock as RFC 3339 UTC with milliseconds, e.g. 2026-11-28T15:07:21.123Z. */
export function nowRfc3339(): string {
  return new Date().toISOString();
}

import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson, canonicalJsonAsWritten } from '../crypto/canonical-json';

/**
 * The rule a custody entry's record `hash` follows, named in its `data.hashFormat`
 * (DESIGN §3 "Record hashes"). Entries without the member follow the first rule,
 * SHA-256 of the record's canonical JSON; that rule let anyone holding an entry
 * confirm a guessed name offline, so every new entry commits to a salted record.
 */
export const SALTED_HASH_FORMAT = 'salted-v1';

/** Bytes of the random salt each committed record state gets. */
export const RECORD_SALT_BYTES = 32;

/** The canonical bytes of a record: strict for a new hash, or as written when checking a stored one. */
function canonicalBytes(record: unknown, asWritten = false): Buffer {
  return Buffer.from(asWritten ? canonicalJsonAsWritten(record) : canonicalJson(record), 'utf8');
}

/**
 * The first rule: SHA-256 (hex) of a record's RFC 8785 canonical JSON. Kept to verify
 * entries written before salted hashes, and for hashes of values that hold nothing to
 * guess (counts); never for a record a recipient could guess.
 */
export function recordHash(record: unknown, asWritten = false): string {
  return createHash('sha256').update(canonicalBytes(record, asWritten)).digest('hex');
}

/** The `salted-v1` rule: SHA-256 (hex) of the 32-byte salt followed by the record's canonical JSON. */
export function saltedRecordHash(salt: Uint8Array, record: unknown, asWritten = false): string {
  if (salt.length !== RECORD_SALT_BYTES)
    throw new Error(`a record salt has ${RECORD_SALT_BYTES} bytes, not ${salt.length}`);
  return createHash('sha256').update(salt).update(canonicalBytes(record, asWritten)).digest('hex');
}

/** A fresh random salt for one committed record state. */
export function newRecordSalt(): Buffer {
  return randomBytes(RECORD_SALT_BYTES);
}

/**
 * The hash a record should have under the rule a signed entry names (`data.hashFormat`),
 * or, when it cannot be computed, a short phrase saying why (an unknown rule, or a
 * salted rule without a proper salt) for the caller to put in its finding.
 */
export function expectedRecordHash(
  hashFormat: unknown,
  record: unknown,
  salt: Uint8Array | null,
): { hash: string } | { problem: string } {
  // A stored record is hashed as it was written, so one signed before unpaired surrogates were refused still checks.
  if (hashFormat === undefined) return { hash: recordHash(record, true) };
  if (hashFormat !== SALTED_HASH_FORMAT)
    return {
      problem:
        `the entry names the record hash format ${JSON.stringify(hashFormat)}, which this version of Vigil does ` +
        `not know`,
    };
  if (salt === null) return { problem: 'the entry signed a salted hash, but there is no salt to check it with' };
  if (salt.length !== RECORD_SALT_BYTES)
    return { problem: `the salt has ${salt.length} bytes instead of ${RECORD_SALT_BYTES}` };
  return { hash: saltedRecordHash(salt, record, true) };
}

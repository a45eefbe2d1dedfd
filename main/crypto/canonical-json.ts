/**
 * RFC 8785 (JCS) canonical JSON: the one place Vigil makes it, for custody entries, record
 * hashes and record openings (DESIGN §3).
 *
 * `canonicalize` refuses what RFC 8785 cannot hash the same way everywhere: an unpaired UTF-16
 * surrogate (its input must be I-JSON, RFC 7493 §2.1), NaN, ±Infinity and circular values.
 * Vigil before this rule used `canonicalize` 2.1, which wrote an unpaired surrogate as a
 * `\udxxx` escape; `canonicalJsonAsWritten` gives those bytes back, so a record or entry signed
 * then still verifies. Nothing new is written that way.
 */
import canonicalize from 'canonicalize';
import legacyCanonicalize from 'canonicalize-legacy';
import { VigilError } from '../../shared/errors';

const LONE_SURROGATE = /Lone surrogate/;
// With the u flag a surrogate class matches only a surrogate that is not half of a pair.
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether `text` is well-formed UTF-16, so it can be canonicalised and signed (no unpaired surrogate). */
export function isWellFormedText(text: string): boolean {
  return !UNPAIRED_SURROGATE.test(text);
}

/** Canonical JSON of `value`; INVALID_INPUT (saying what is wrong) for anything RFC 8785 cannot take. */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new VigilError(
      'INVALID_INPUT',
      LONE_SURROGATE.test(message)
        ? 'The text holds a broken character (an unpaired UTF-16 surrogate) that cannot be signed; remove it or ' +
            'type the character again.'
        : 'The record holds a value JSON cannot express (NaN, Infinity, BigInt or a circular reference); pass ' +
            'plain JSON data.',
      { cause },
    );
  }
  if (text === undefined) throw new VigilError('INVALID_INPUT', 'Only JSON values can be canonicalised.');
  return text;
}

/**
 * Canonical JSON of a value as Vigil wrote it when it was signed: the strict form, or for a
 * value holding an unpaired surrogate (accepted before the rule), the earlier escaped form.
 * Only for checking and re-exporting what is stored, never for writing something new.
 */
export function canonicalJsonAsWritten(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (error) {
    if (!(error instanceof VigilError) || !(error.cause instanceof Error) || !LONE_SURROGATE.test(error.cause.message))
      throw error;
    const text = legacyCanonicalize(value);
    if (text === undefined) throw error;
    return text;
  }
}

/**
 * RFC 8785 (JCS) canonical JSON: the one place Vigil makes it, for custody entries, record
 * hashes and record openings (DESIGN §3), over the `canonicalize` package.
 *
 * RFC 8785 takes I-JSON (RFC 7493 §2.1), so text with an unpaired UTF-16 surrogate cannot be
 * hashed alike everywhere: `canonicalJson` refuses it (later `canonicalize` releases do the
 * same, but ship as ES modules only, which the CommonJS test harness and main bundle cannot
 * load). Earlier versions of Vigil signed such text as a `\udxxx` escape, the form
 * `canonicalJsonAsWritten` still gives, so what they signed still verifies. Nothing new is
 * written that way.
 */
import canonicalize from 'canonicalize';
import { VigilError } from '../../shared/errors';

// With the u flag a surrogate class matches only a surrogate that is not half of a pair.
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether `text` is well-formed UTF-16, so it can be canonicalised and signed (no unpaired surrogate). */
export function isWellFormedText(text: string): boolean {
  return !UNPAIRED_SURROGATE.test(text);
}

/**
 * Where `value` holds text that is not well-formed UTF-16, as a dotted path ('(a key)' for a
 * member name); null when it holds none. Nesting deeper than `maxDepth` is not looked into.
 */
export function brokenTextAt(value: unknown, maxDepth = Number.POSITIVE_INFINITY, at: string[] = []): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : at.join('.') || '(value)';
  if (value === null || typeof value !== 'object' || at.length > maxDepth) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (!isWellFormedText(key)) return [...at, '(a key)'].join('.');
    const found = brokenTextAt(inner, maxDepth, [...at, key]);
    if (found !== null) return found;
  }
  return null;
}

function notJson(cause: unknown): VigilError {
  return new VigilError(
    'INVALID_INPUT',
    'The record holds a value JSON cannot express (NaN, Infinity, BigInt or a circular reference); pass ' +
      'plain JSON data.',
    { cause },
  );
}

/** Canonical JSON as written before the rule: whatever `canonicalize` makes of `value`. */
function canonicalText(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw notJson(cause);
  }
  if (text === undefined) throw new VigilError('INVALID_INPUT', 'Only JSON values can be canonicalised.');
  return text;
}

/** Canonical JSON of `value`; INVALID_INPUT (saying what is wrong) for anything RFC 8785 cannot take. */
export function canonicalJson(value: unknown): string {
  let broken: string | null;
  try {
    broken = brokenTextAt(value);
  } catch (cause) {
    // Only a circular value is deep enough to exhaust the stack.
    throw notJson(cause);
  }
  if (broken !== null)
    throw new VigilError(
      'INVALID_INPUT',
      `The text at ${broken} holds a broken character (an unpaired UTF-16 surrogate) that cannot be signed; ` +
        `remove it or type the character again.`,
    );
  return canonicalText(value);
}

/**
 * Canonical JSON of a value as Vigil wrote it when it was signed: for a value holding an
 * unpaired surrogate (accepted before the rule), the escaped form. Only for checking and
 * re-exporting what is stored, never for writing something new.
 */
export function canonicalJsonAsWritten(value: unknown): string {
  return canonicalText(value);
}

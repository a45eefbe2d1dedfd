/**
 * Key fingerprints as people read them out: 24 Crockford base32 digits in groups of four
 * ("7K3M 0QPZ …"). Pure TypeScript, so the core, the CLI and the interface compare alike.
 */

/** Crockford base32 reads I and L as 1 and O as 0 (they are not digits of its alphabet). */
const ALIASES: Record<string, string> = { I: '1', L: '1', O: '0' };

/**
 * The canonical form of a fingerprint someone typed or read out: upper case, spaces and
 * dashes dropped, Crockford's look-alike letters read as their digits, then grouped by four.
 * It is the same fingerprint, never a near one: every remaining character must match.
 */
export function normalizeFingerprint(text: string): string {
  const digits = text
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[ILO]/g, (c) => ALIASES[c] ?? c);
  return (digits.match(/.{1,4}/g) ?? []).join(' ');
}

/** True when `typed` is the fingerprint `expected` (see normalizeFingerprint). */
export function sameFingerprint(typed: string, expected: string): boolean {
  return typed.trim() !== '' && normalizeFingerprint(typed) === normalizeFingerprint(expected);
}

import { randomBytes } from 'node:crypto';
import { VigilError } from '../../../shared/errors';

/**
 * Crockford base32: no I, L, O or U, so nothing is ambiguous when read aloud or
 * copied by hand, and the look-alikes people do type can be mapped back.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Groups and group size of a recovery code: 30 symbols × 5 bits = 150 bits of entropy. */
const RECOVERY_CODE_GROUPS = 6;
/** Symbols per group. */
const RECOVERY_CODE_GROUP_SIZE = 5;
const SYMBOLS = RECOVERY_CODE_GROUPS * RECOVERY_CODE_GROUP_SIZE;

/** Longest input we bother to look at; anything longer is certainly not a code. */
const MAX_INPUT_CHARS = 256;

/** Joins 30 symbols into six dash-separated groups of five. */
function group(symbols: string): string {
  const parts: string[] = [];
  for (let i = 0; i < symbols.length; i += RECOVERY_CODE_GROUP_SIZE)
    parts.push(symbols.slice(i, i + RECOVERY_CODE_GROUP_SIZE));
  return parts.join('-');
}

/** A new recovery code from the OS CSPRNG, e.g. `7K2QD-M9XAT-...` (6 groups of 5, 150 bits). */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(SYMBOLS);
  let symbols = '';
  // 256 is a multiple of 32, so the low five bits of each byte are uniform.
  for (const b of bytes) symbols += CROCKFORD_ALPHABET.charAt(b & 31);
  bytes.fill(0);
  return group(symbols);
}

/**
 * The canonical form of a typed recovery code (upper case, 6 dash-separated groups):
 * case, spaces and dashes do not matter, and O is read as 0, I and L as 1.
 */
export function normalizeRecoveryCode(input: string): string {
  if (input.length > MAX_INPUT_CHARS) {
    throw new VigilError(
      'INVALID_INPUT',
      `That is not a recovery code: a recovery code has ${SYMBOLS} letters and digits in ` +
        `${RECOVERY_CODE_GROUPS} groups of ${RECOVERY_CODE_GROUP_SIZE}.`,
    );
  }
  const compact = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  for (const ch of compact) {
    if (!CROCKFORD_ALPHABET.includes(ch)) {
      throw new VigilError(
        'INVALID_INPUT',
        `The recovery code contains "${ch}", which never appears in recovery codes. Compare it with the ` +
          `printed copy, character by character.`,
      );
    }
  }
  if (compact.length !== SYMBOLS) {
    throw new VigilError(
      'INVALID_INPUT',
      `The recovery code should have ${SYMBOLS} letters and digits (${RECOVERY_CODE_GROUPS} groups of ` +
        `${RECOVERY_CODE_GROUP_SIZE}), but ${compact.length} were entered. Check for a missing or repeated group.`,
    );
  }
  return group(compact);
}

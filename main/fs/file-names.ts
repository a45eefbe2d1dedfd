/**
 * File names as bytes. On Linux a name is any bytes but "/" and NUL, and legacy archives
 * (cp1251 above all) unpack to names that are not UTF-8. Node turns such bytes into U+FFFD
 * in a string path, which then names no file; so names are read as bytes, kept as bytes,
 * and shown in a readable form made here.
 */
import { isUtf8 } from 'node:buffer';

/**
 * How a name's readable form was made: its UTF-8 as it is, its bytes read as cp1251, or UTF-8 with `\xNN` for the other
 * bytes.
 */
type NameShownAs = 'utf-8' | 'cp1251' | 'escapes';

/** A name's readable form and how it was made. */
interface ReadableName {
  shown: string;
  shownAs: NameShownAs;
}

const SLASH = 0x2f;
const utf8 = new TextDecoder('utf-8');
// WHATWG windows-1251, which Node's full ICU provides: every byte maps to one character.
const cp1251 = new TextDecoder('windows-1251');

// Besides ASCII and Cyrillic letters, what cp1251 names use: no-break space, « », – —, quotes, …, №.
const CYRILLIC_NAME_PUNCTUATION = new Set([
  ...'\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u2116',
]);
const CYRILLIC_WORD = /^\p{Script=Cyrillic}+$/u;
const LATIN_WORD = /^\p{Script=Latin}+$/u;
// lower case, Capitalised or UPPER CASE: random bytes read as cp1251 rarely are.
const CYRILLIC_CASING = /^(\p{Lu}?\p{Ll}*|\p{Lu}+)$/u;

/**
 * The readable form of one name (no "/" in it): UTF-8 when it is, else cp1251 when that reads as Cyrillic, else `\xNN`
 * escapes.
 */
export function readableName(raw: Uint8Array): ReadableName {
  if (isUtf8(raw)) return { shown: utf8.decode(raw), shownAs: 'utf-8' };
  const guess = cp1251.decode(raw);
  if (plausibleCyrillic(guess)) return { shown: guess, shownAs: 'cp1251' };
  return { shown: escapeInvalid(raw), shownAs: 'escapes' };
}

/** The readable form of a path given as bytes, each name read on its own (folders may differ in encoding). */
export function readablePath(raw: Uint8Array): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === SLASH) {
      parts.push(readableName(raw.subarray(start, i)).shown);
      start = i + 1;
    }
  }
  return parts.join('/');
}

/** The last name of a path given as bytes (trailing slashes ignored), copied. */
export function baseNameBytes(raw: Uint8Array): Buffer {
  let end = raw.length;
  while (end > 1 && raw[end - 1] === SLASH) end--;
  const start = raw.lastIndexOf(SLASH, end - 1) + 1;
  return Buffer.from(raw.subarray(start, end));
}

/** Joins a folder and a name, both bytes. */
export function joinRaw(dir: Uint8Array, name: Uint8Array): Buffer {
  return dir.at(-1) === SLASH ? Buffer.concat([dir, name]) : Buffer.concat([dir, Buffer.of(SLASH), name]);
}

/**
 * Whether `given` (a name as it reached Node from the command line or the user) is how a
 * name of these bytes looks: its readable form, its bytes read as Latin-1 (as a person may
 * type a Western name), or its bytes decoded as UTF-8 the way Node decodes an argument (each
 * bad sequence a U+FFFD; runs are compared loosely, as decoders differ in how many they make).
 */
export function looksLike(raw: Uint8Array, given: string): boolean {
  if (readableName(raw).shown === given || Buffer.from(raw).toString('latin1') === given) return true;
  const loose = (s: string): string => s.replace(/\uFFFD+/g, '\uFFFD');
  return given.includes('\uFFFD') && loose(utf8.decode(raw)) === loose(given);
}

function plausibleCyrillic(text: string): boolean {
  let cyrillic = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x20 && cp < 0x7f) continue;
    if (CYRILLIC_WORD.test(ch)) cyrillic = true;
    else if (!CYRILLIC_NAME_PUNCTUATION.has(ch)) return false;
  }
  // A word that mixes scripts ("Zьrich": Latin-1 ü read as cp1251) means the guess is wrong.
  const words = text.match(/\p{L}+/gu) ?? [];
  return cyrillic && words.every((w) => LATIN_WORD.test(w) || (CYRILLIC_WORD.test(w) && CYRILLIC_CASING.test(w)));
}

/** UTF-8 sequences decoded, every other byte written `\xNN`, so that different names stay different. */
function escapeInvalid(raw: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const byte = raw[i] ?? 0;
    const n =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    const sequence = raw.subarray(i, i + n);
    if (n > 0 && sequence.length === n && isUtf8(sequence)) {
      out += utf8.decode(sequence);
      i += n;
    } else {
      out += `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

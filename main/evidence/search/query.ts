/*
 * What a person types, translated to an FTS5 query that cannot fail to parse:
 * every word and phrase is emitted as an FTS5 string ("…", inner quotes
 * doubled), so column filters, NEAR(), ^, parentheses and stray quotes typed by
 * a user are plain text, never syntax.
 */

/** The least number of letters or digits before a trailing `*`: shorter prefixes match most of the index. */
const PREFIX_MIN_CHARS = 2;

interface Term {
  text: string;
  prefix: boolean;
  negate: boolean;
}

type Token = Term | 'OR';

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

function wordChars(text: string): number {
  return [...text].filter((c) => HAS_WORD_CHAR.test(c)).length;
}

/** Splits the input into words, "phrases" (an unclosed quote runs to the end), OR, with -/NOT and trailing * noted. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let negateNext = false;
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    let text: string;
    let prefix = false;
    let negate = negateNext;
    negateNext = false;
    if (c === '"') {
      const end = input.indexOf('"', i + 1);
      text = input.slice(i + 1, end < 0 ? input.length : end);
      i = end < 0 ? input.length : end + 1;
      while (input.charAt(i) === '*') {
        prefix = true;
        i++;
      }
    } else {
      const m = /^[^\s"]+/u.exec(input.slice(i));
      text = m?.[0] ?? c;
      i += text.length;
      if (text === '-' && input.charAt(i) === '"') {
        negateNext = true;
        continue;
      }
      if (text === 'OR') {
        tokens.push('OR');
        continue;
      }
      if (text === 'AND') continue;
      if (text === 'NOT') {
        negateNext = true;
        continue;
      }
      if (text.startsWith('-')) {
        negate = true;
        text = text.slice(1);
      }
      const stripped = text.replace(/\*+$/u, '');
      prefix = stripped !== text;
      text = stripped;
    }
    if (!HAS_WORD_CHAR.test(text)) continue;
    tokens.push({ text, prefix: prefix && wordChars(text) >= PREFIX_MIN_CHARS, negate });
  }
  return tokens;
}

function ftsString(term: Term): string {
  return `"${term.text.replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
}

/** Groups positive terms joined by OR into alternatives; returns the AND-ed clauses and the excluded terms. */
function group(tokens: Token[]): { clauses: Term[][]; excluded: Term[] } {
  const clauses: Term[][] = [];
  const excluded: Term[] = [];
  let joinNext = false;
  let lastWasPositive = false;
  for (const token of tokens) {
    if (token === 'OR') {
      joinNext = lastWasPositive;
      continue;
    }
    if (token.negate) {
      excluded.push(token);
      joinNext = false;
      lastWasPositive = false;
      continue;
    }
    const last = clauses[clauses.length - 1];
    if (joinNext && last) last.push(token);
    else clauses.push([token]);
    joinNext = false;
    lastWasPositive = true;
  }
  return { clauses, excluded };
}

/**
 * Translates a typed query to FTS5: words are ANDed, "quoted phrases" kept,
 * word* is a prefix (of at least PREFIX_MIN_CHARS), OR joins neighbours,
 * -word or NOT word excludes. Null when nothing searchable is left (empty,
 * only operators or punctuation, or only exclusions).
 */
export function toFtsQuery(userQuery: string): string | null {
  const { clauses, excluded } = group(tokenize(userQuery.normalize('NFC')));
  if (clauses.length === 0) return null;
  const positive = clauses
    .map((alts) => (alts.length === 1 ? ftsString(alts[0] as Term) : `(${alts.map(ftsString).join(' OR ')})`))
    .join(' AND ');
  const negative = excluded.map((t) => ` NOT ${ftsString(t)}`).join('');
  return negative ? `(${positive})${negative}` : positive;
}

import type { ReadDb } from '../vault/database';

/*
 * People who have not consented to be named are shown by their protective
 * code. Matching is case-insensitive on whole words, longest name first (so
 * "Ivan Petrov" wins over "Ivan"). A word is a run of letters, combining marks
 * and digits in any script; any run of other characters separates words, in the
 * text and in the recorded name alike, because file names and titles join words
 * with "_", "-" or "." ("Olena_Petrenko_statement.txt", "olena.petrenko.letter").
 * Marks count as letters so that a name never matches the front of a longer word
 * written with a combining accent. Inflected forms (Russian/Ukrainian cases:
 * "Петрова", "Петрову") are NOT recognised, nor a name run into another word
 * ("OlenaPetrenko"): only the name and the aliases (transliterations included)
 * as recorded.
 */

/** A protected person: the code to show and every name (real name and aliases) to hide. */
export interface ProtectedPerson {
  code: string;
  names: string[];
}

/** One replacement: the span [from, to) of the input became [newFrom, newTo) of the output. */
export interface Replacement {
  from: number;
  to: number;
  newFrom: number;
  newTo: number;
}

/** People whose `consent_named` is 0, with their name and aliases. */
export function loadProtectedPeople(db: ReadDb): ProtectedPerson[] {
  const rows = db.prepare('SELECT code, name, aliases FROM people WHERE consent_named = 0').all() as {
    code: string;
    name: string;
    aliases: string;
  }[];
  return rows.map((r) => ({ code: r.code, names: [r.name, ...parseAliases(r.aliases)] }));
}

function parseAliases(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

interface Matcher {
  regex: RegExp;
  codes: Map<string, string>;
}

const matchers = new WeakMap<ProtectedPerson[], Matcher | null>();

/** The words of a name or of a matched span: its runs of letters, marks and digits. */
function wordsOf(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** The key a name is known by: its words, lower case, one space apart ("" when it has none). */
function normaliseName(name: string): string {
  return wordsOf(name).join(' ').toLocaleLowerCase('und');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

const WORD = '[\\p{L}\\p{M}\\p{N}]';
const NOT_WORD = '[^\\p{L}\\p{M}\\p{N}]';

// One alternation per people list, built once and reused for every snippet of a query.
function matcherFor(people: ProtectedPerson[]): Matcher | null {
  const cached = matchers.get(people);
  if (cached !== undefined) return cached;
  const codes = new Map<string, string>();
  for (const person of people) {
    for (const name of person.names) {
      const key = normaliseName(name);
      if (key && !codes.has(key)) codes.set(key, person.code);
    }
  }
  const names = [...codes.keys()].sort((a, b) => b.length - a.length);
  const matcher = names.length
    ? {
        regex: new RegExp(
          `(?<!${WORD})(?:${names.map((n) => n.split(' ').map(escapeRegex).join(`${NOT_WORD}+`)).join('|')})(?!${WORD})`,
          'giu',
        ),
        codes,
      }
    : null;
  matchers.set(people, matcher);
  return matcher;
}

/**
 * Replaces protected people's names and aliases by their codes (in the NFC form of the text), and says which spans were
 * replaced.
 */
export function protectNamesWithSpans(
  text: string,
  people: ProtectedPerson[],
): { text: string; replacements: Replacement[] } {
  const matcher = matcherFor(people);
  // Offsets refer to the NFC form, which is what the names are compared in.
  const source = text.normalize('NFC');
  if (!matcher) return { text: source, replacements: [] };
  const replacements: Replacement[] = [];
  let output = '';
  let last = 0;
  for (const m of source.matchAll(matcher.regex)) {
    const code = matcher.codes.get(normaliseName(m[0])) ?? '[protected]';
    output += source.slice(last, m.index);
    replacements.push({
      from: m.index,
      to: m.index + m[0].length,
      newFrom: output.length,
      newTo: output.length + code.length,
    });
    output += code;
    last = m.index + m[0].length;
  }
  return { text: output + source.slice(last), replacements };
}

/** The text with every protected person's name and aliases replaced by their code (e.g. "W-014"). */
export function protectNames(text: string, people: ProtectedPerson[]): string {
  return protectNamesWithSpans(text, people).text;
}

/**
 * Each match protectNames would replace, in order: where it starts in the NFC form of `text`, and the person's code.
 */
export function locateProtectedNames(text: string, people: ProtectedPerson[]): { index: number; code: string }[] {
  const matcher = matcherFor(people);
  if (!matcher) return [];
  return [...text.normalize('NFC').matchAll(matcher.regex)].map((m) => ({
    index: m.index,
    code: matcher.codes.get(normaliseName(m[0])) ?? '[protected]',
  }));
}

/**
 * How often each protected person's names and aliases occur in `text`, by code:
 * the very matches protectNames would replace, so a count of zero means the
 * replacement would leave the text as it is.
 */
export function countProtectedNames(text: string, people: ProtectedPerson[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { code } of locateProtectedNames(text, people)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

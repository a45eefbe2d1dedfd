import type { ReadDb } from '../vault/database';

/*
 * People who have not consented to be named are shown by their protective
 * code. Matching is case-insensitive on whole words, longest name first (so
 * "Ivan Petrov" wins over "Ivan"), with any run of spaces between the words of
 * a name. Inflected forms (Russian/Ukrainian cases: "Петрова", "Петрову") are
 * NOT recognised: only the name and the aliases as recorded.
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
  const rows = db.prepare('SELECT code, name, aliases FROM people WHERE consent_named = 0').all() as { code: string; name: string; aliases: string }[];
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

function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('und');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

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
    ? { regex: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${names.map((n) => escapeRegex(n).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_])`, 'giu'), codes }
    : null;
  matchers.set(people, matcher);
  return matcher;
}

/** Replaces protected people's names and aliases by their codes (in the NFC form of the text), and says which spans were replaced. */
export function protectNamesWithSpans(text: string, people: ProtectedPerson[]): { text: string; replacements: Replacement[] } {
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
    replacements.push({ from: m.index, to: m.index + m[0].length, newFrom: output.length, newTo: output.length + code.length });
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
 * How often each protected person's names and aliases occur in `text`, by code:
 * the very matches protectNames would replace, so a count of zero means the
 * replacement would leave the text as it is.
 */
export function countProtectedNames(text: string, people: ProtectedPerson[]): Map<string, number> {
  const counts = new Map<string, number>();
  const matcher = matcherFor(people);
  if (!matcher) return counts;
  for (const m of text.normalize('NFC').matchAll(matcher.regex)) {
    const code = matcher.codes.get(normaliseName(m[0])) ?? '[protected]';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

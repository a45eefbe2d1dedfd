import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../../main/evidence/search/query';

// A real FTS5 table with the vault's tokenizer: every translation must parse and match as meant.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`);
const docs = [
  'the letter was withheld for forty days',
  'Лист від адвоката не передали',
  'письмо из колонии пришло через месяц',
  'transfer to IK-6 before the visit',
  'NEAR the border AND title: OR NOT',
  'Ёлка и елка, café',
];
docs.forEach((body, i) => db.prepare('INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)').run(i + 1, '', body));
afterAll(() => db.close());

function matches(userQuery: string): number[] {
  const fts = toFtsQuery(userQuery);
  if (fts === null) return [];
  return db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck().all(fts) as number[];
}

describe('search/query/toFtsQuery', () => {
  it('ANDs words and quotes every token', () => {
    expect(toFtsQuery('letter withheld')).toBe('"letter" AND "withheld"');
    expect(matches('letter withheld')).toEqual([1]);
    expect(matches('letter visit')).toEqual([]);
  });

  it('keeps "quoted phrases" and closes an unclosed quote at the end', () => {
    expect(toFtsQuery('"forty days"')).toBe('"forty days"');
    expect(matches('"forty days"')).toEqual([1]);
    expect(matches('"days forty"')).toEqual([]);
    expect(matches('"was withheld')).toEqual([1]);
  });

  it('turns a trailing * into a prefix, also after a phrase', () => {
    expect(toFtsQuery('withh*')).toBe('"withh"*');
    expect(matches('withh*')).toEqual([1]);
    expect(matches('"the let"*')).toEqual([1]);
    expect(matches('колон*')).toEqual([3]);
  });

  it('refuses one-letter prefixes (they would match most of the index) and searches the letter as a word', () => {
    expect(toFtsQuery('w*')).toBe('"w"');
  });

  it('joins neighbours with OR and excludes -word, -"phrase" and NOT word', () => {
    expect(toFtsQuery('letter OR письмо')).toBe('("letter" OR "письмо")');
    expect(matches('letter OR письмо')).toEqual([1, 3]);
    expect(matches('the -visit')).toEqual([1, 5]);
    expect(matches('the -"forty days"')).toEqual([4, 5]);
    expect(matches('the NOT visit')).toEqual([1, 5]);
    expect(toFtsQuery('a OR b -c d')).toBe('(("a" OR "b") AND "d") NOT "c"');
  });

  it('treats operators typed where they make no sense as nothing, and FTS5 syntax as text', () => {
    expect(toFtsQuery('AND')).toBeNull();
    expect(toFtsQuery('OR')).toBeNull();
    expect(toFtsQuery('NOT')).toBeNull();
    expect(toFtsQuery('OR letter OR')).toBe('"letter"');
    expect(matches('NEAR(')).toEqual([5]);
    expect(matches('title:')).toEqual([5]);
    expect(matches('NEAR( border title: OR')).toEqual([5]);
    expect(matches('NEAR(border')).toEqual([]); // one word: the phrase "near border", which is not in the text
    expect(matches('^the')).toEqual([1, 4, 5]);
    expect(matches('(letter')).toEqual([1]);
  });

  it('returns null for empty input, lone quotes, stars, punctuation and exclusions only', () => {
    for (const q of ['', '   ', '"', '""', '*', '**', '-', '"*', '(*)', '- -', ':', '-letter', 'NOT letter']) {
      expect(toFtsQuery(q), JSON.stringify(q)).toBeNull();
    }
  });

  it('escapes double quotes inside words so the query cannot be broken out of', () => {
    const fts = toFtsQuery('a"b OR "c""d" e"');
    expect(fts).not.toBeNull();
    expect(() => matches('a"b OR "c""d" e"')).not.toThrow();
    expect(() => matches('" OR 1=1 --')).not.toThrow();
    expect(() => matches('letter" NOT "the')).not.toThrow();
  });

  it('never produces a query FTS5 rejects, whatever is typed', () => {
    const pieces = [
      '"',
      '*',
      '(',
      ')',
      'NEAR(',
      'AND',
      'OR',
      'NOT',
      '-',
      '^',
      ':',
      '+',
      '{title}',
      'title:',
      'x',
      'лист',
      ' ',
      '\u0000',
      '\uE000',
    ];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const q = Array.from({ length: 1 + (next() % 8) }, () => pieces[next() % pieces.length]).join(
        next() % 2 ? ' ' : '',
      );
      expect(() => matches(q), JSON.stringify(q)).not.toThrow();
    }
  });

  it('matches Cyrillic and Latin case-insensitively, and ignores diacritics (ё = е, é = e)', () => {
    expect(matches('ЛИСТ')).toEqual([2]);
    expect(matches('адвоката')).toEqual([2]);
    expect(matches('елка')).toEqual([6]);
    expect(matches('ёлка')).toEqual([6]);
    expect(matches('cafe')).toEqual([6]);
  });

  it('searches codes like IK-6 as a phrase of their parts', () => {
    expect(toFtsQuery('IK-6')).toBe('"IK-6"');
    expect(matches('IK-6')).toEqual([4]);
    expect(matches('ik-7')).toEqual([]);
  });
});

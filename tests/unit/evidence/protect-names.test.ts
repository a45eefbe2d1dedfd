import { describe, expect, it } from 'vitest';
import {
  countProtectedNames,
  protectNames,
  protectNamesWithSpans,
  type ProtectedPerson,
} from '../../../main/evidence/protect-names';

const people: ProtectedPerson[] = [
  { code: 'W-014', names: ['Ivan Petrov', 'Vanya'] },
  { code: 'W-002', names: ['Ivan'] },
  { code: 'D-001', names: ['Олена Коваленко', 'Лена'] },
  { code: 'R-003', names: ['J. (Joe) Smith+'] },
];

describe('evidence/protect-names/protectNames', () => {
  it('replaces names and aliases by codes, longest name first', () => {
    expect(protectNames('Ivan Petrov met Ivan; Vanya left.', people)).toBe('W-014 met W-002; W-014 left.');
  });

  it('matches case-insensitively, across runs of spaces, in Cyrillic too', () => {
    expect(protectNames('IVAN   petrov and олена КОВАЛЕНКО, лена', people)).toBe('W-014 and D-001, D-001');
  });

  it('matches whole words only', () => {
    expect(protectNames('Ivanov and Ivanka and Леночка stay', people)).toBe('Ivanov and Ivanka and Леночка stay');
    expect(protectNames('(Ivan)', people)).toBe('(W-002)');
  });

  it('treats regular-expression characters in names as text, and punctuation in names as separators', () => {
    expect(protectNames('from J. (Joe) Smith+ today', people)).toBe('from R-003+ today');
    // Punctuation separates words like a space does, in names as in text (issue 14).
    expect(protectNames('from J  (Joe) Smith today', people)).toBe('from R-003 today');
    expect(protectNames('from J.Joe.Smith today', people)).toBe('from R-003 today');
    expect(protectNames('from J.Joel.Smith today', people)).toBe('from J.Joel.Smith today');
  });

  it('does not recognise inflected Cyrillic forms (documented limitation)', () => {
    expect(protectNames('у Олены Коваленко', people)).toBe('у Олены Коваленко');
  });

  it('leaves text alone when nobody is protected', () => {
    expect(protectNames('Ivan Petrov', [])).toBe('Ivan Petrov');
  });
});

// Issue 14: names joined by underscores, hyphens or dots in file names and titles went through.
describe('evidence/protect-names/protectNames separators', () => {
  const olena: ProtectedPerson[] = [{ code: 'D-021', names: ['Олена Петренко', 'Olena Petrenko'] }];

  it('takes any run of characters that are not letters or digits for a space, in Latin file names', () => {
    expect(protectNames('Olena_Petrenko_statement.txt', olena)).toBe('D-021_statement.txt');
    expect(protectNames('Olena-Petrenko-call.txt', olena)).toBe('D-021-call.txt');
    expect(protectNames('olena.petrenko.letter.txt', olena)).toBe('D-021.letter.txt');
    expect(protectNames('2026_OLENA__PETRENKO.pdf', olena)).toBe('2026_D-021.pdf');
  });

  it('does the same in Cyrillic', () => {
    expect(protectNames('Олена_Петренко_заява.txt', olena)).toBe('D-021_заява.txt');
    expect(protectNames('лист-олена-петренко.docx', olena)).toBe('лист-D-021.docx');
    expect(protectNames('ОЛЕНА.ПЕТРЕНКО: допит', olena)).toBe('D-021: допит');
  });

  it('still matches whole words only: a letter or digit next to a name is part of another word', () => {
    for (const text of [
      'Olena_Petrenkova.txt',
      'Olena_Petrenko2.txt',
      'xOlena-Petrenko',
      'Олена_Петренкова',
      'OlenaPetrenko',
    ]) {
      expect(protectNames(text, olena)).toBe(text);
    }
  });

  it('counts exactly what it replaces', () => {
    const text = 'Olena_Petrenko_statement, Olena-Petrenko-call, olena.petrenko.letter, Олена_Петренко_заява';
    expect(countProtectedNames(text, olena)).toEqual(new Map([['D-021', 4]]));
    expect(countProtectedNames('Olena_Petrenkova', olena)).toEqual(new Map());
  });
});

describe('evidence/protect-names/protectNamesWithSpans', () => {
  it('reports where each replacement went', () => {
    const { text, replacements } = protectNamesWithSpans('a Ivan Petrov b Ivan', people);
    expect(text).toBe('a W-014 b W-002');
    expect(replacements).toEqual([
      { from: 2, to: 13, newFrom: 2, newTo: 7 },
      { from: 16, to: 20, newFrom: 10, newTo: 15 },
    ]);
  });
});

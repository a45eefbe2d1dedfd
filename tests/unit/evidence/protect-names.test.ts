import { describe, expect, it } from 'vitest';
import { protectNames, protectNamesWithSpans, type ProtectedPerson } from '../../../main/evidence/protect-names';

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

  it('treats regular-expression characters in names as text', () => {
    expect(protectNames('from J. (Joe) Smith+ today', people)).toBe('from R-003 today');
    expect(protectNames('from J  (Joe) Smith today', people)).toBe('from J  (Joe) Smith today');
  });

  it('does not recognise inflected Cyrillic forms (documented limitation)', () => {
    expect(protectNames('у Олены Коваленко', people)).toBe('у Олены Коваленко');
  });

  it('leaves text alone when nobody is protected', () => {
    expect(protectNames('Ivan Petrov', [])).toBe('Ivan Petrov');
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

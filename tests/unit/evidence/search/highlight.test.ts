import { describe, expect, it } from 'vitest';
import {
  MARK_CLOSE as C,
  MARK_OPEN as O,
  parseMarked,
  protectMarked,
} from '../../../../main/evidence/search/highlight';

describe('search/highlight/parseMarked', () => {
  it('strips the markers and returns the ranges they enclosed', () => {
    const r = parseMarked(`the ${O}letter${C} was ${O}withheld${C}`);
    expect(r.text).toBe('the letter was withheld');
    expect(r.highlights).toEqual([
      [4, 10],
      [15, 23],
    ]);
    for (const [s, e] of r.highlights) expect(['letter', 'withheld']).toContain(r.text.slice(s, e));
  });

  it('copes with an unclosed or empty mark', () => {
    expect(parseMarked(`a ${O}b`)).toEqual({ text: 'a b', highlights: [[2, 3]] });
    expect(parseMarked(`a ${O}${C}b`)).toEqual({ text: 'a b', highlights: [] });
  });
});

describe('search/highlight/protectMarked', () => {
  const people = [{ code: 'W-014', names: ['Ivan Petrov'] }];

  it('moves highlights past replaced names', () => {
    const r = protectMarked(`Ivan Petrov sent a ${O}letter${C}`, people);
    expect(r.text).toBe('W-014 sent a letter');
    expect(r.highlights.map(([s, e]) => r.text.slice(s, e))).toEqual(['letter']);
  });

  it('highlights the whole code when the match was inside a name, and never leaks the name', () => {
    const r = protectMarked(`to ${O}Ivan${C} Petrov about ${O}Ivan${C}`, people);
    expect(r.text).toBe('to W-014 about Ivan');
    expect(r.highlights.map(([s, e]) => r.text.slice(s, e))).toEqual(['W-014', 'Ivan']);
    expect(r.text).not.toContain('Petrov');
  });

  it('merges overlapping ranges', () => {
    const r = protectMarked(`${O}Ivan${C} ${O}Petrov${C}`, people);
    expect(r).toEqual({ text: 'W-014', highlights: [[0, 5]] });
  });
});

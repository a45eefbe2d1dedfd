import { describe, expect, it } from 'vitest';
import { dayToIso, earliestDay, fullDay, latestDay } from '../../../../main/evidence/analysis/dates';

describe('analysis/dates/earliestDay', () => {
  it('gives the first day a partial date can mean', () => {
    expect(earliestDay('1970-01-01')).toBe(0);
    expect(dayToIso(earliestDay('2024-03'))).toBe('2024-03-01');
    expect(dayToIso(earliestDay('2024'))).toBe('2024-01-01');
    expect(dayToIso(earliestDay('2024-03-02'))).toBe('2024-03-02');
  });

  it('refuses what is not a partial date', () => {
    for (const bad of ['2024-13', '2024-02-30', '24-03-01', '2024/03/01', '']) {
      expect(() => earliestDay(bad), bad).toThrow(/not a date/);
    }
  });
});

describe('analysis/dates/latestDay', () => {
  it('gives the last day a partial date can mean, leap years included', () => {
    expect(dayToIso(latestDay('2024-03'))).toBe('2024-03-31');
    expect(dayToIso(latestDay('2024-02'))).toBe('2024-02-29');
    expect(dayToIso(latestDay('2023-02'))).toBe('2023-02-28');
    expect(dayToIso(latestDay('2024-12'))).toBe('2024-12-31');
    expect(dayToIso(latestDay('2024'))).toBe('2024-12-31');
    expect(latestDay('2024-03-02')).toBe(earliestDay('2024-03-02'));
  });
});

describe('analysis/dates/dayToIso', () => {
  it('round-trips day numbers', () => {
    for (const d of ['1999-12-31', '2000-02-29', '2024-03-02', '2100-01-01']) expect(dayToIso(earliestDay(d))).toBe(d);
    expect(dayToIso(-1)).toBe('1969-12-31');
  });
});

describe('analysis/dates/fullDay', () => {
  it('accepts only a full calendar date', () => {
    expect(fullDay('2024-03-02')).toBe(earliestDay('2024-03-02'));
    expect(() => fullDay('2024-03', 'as-of date')).toThrow(/as-of date must be a full date/);
    expect(() => fullDay('2024-02-31')).toThrow(/full date/);
  });
});

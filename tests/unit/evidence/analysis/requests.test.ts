import { describe, expect, it } from 'vitest';
import { median, requestStats, type RequestRecord } from '../../../../main/evidence/analysis/requests';

function req(
  id: string,
  date: string,
  response: RequestRecord['response'] = null,
  responseDate: string | null = null,
): RequestRecord {
  return { id, date, response, responseDate };
}

describe('analysis/requests/requestStats', () => {
  it('counts token, denial and substantive answers as answered; none and pending as unanswered', () => {
    const stats = requestStats([
      req('r1', '2024-01-01', 'token', '2024-01-11'),
      req('r2', '2024-01-05', 'denial', '2024-02-04'),
      req('r3', '2024-02-01', 'substantive', '2024-02-03'),
      req('r4', '2024-02-10', 'none', '2024-03-10'),
      req('r5', '2024-03-01'),
      req('r6', '2024-03-02'),
    ]);
    expect(stats).toEqual({
      sent: 6,
      answered: 3,
      unanswered: 3,
      medianResponseDays: 10, // waits 10, 30, 2 → 10
      byResponse: { none: 1, token: 1, denial: 1, substantive: 1, pending: 2 },
    });
  });

  it('takes the mean of the middle two for an even count', () => {
    const stats = requestStats([
      req('a', '2024-01-01', 'token', '2024-01-05'), // 4
      req('b', '2024-01-01', 'denial', '2024-01-08'), // 7
      req('c', '2024-01-01', 'denial', '2024-01-02'), // 1
      req('d', '2024-01-01', 'substantive', '2024-02-01'), // 31
    ]);
    expect(stats.medianResponseDays).toBe(5.5);
  });

  it('gives null for the median when nothing was answered, and zero counts for no requests', () => {
    expect(
      requestStats([req('a', '2024-01-01', 'none', '2024-02-01'), req('b', '2024-01-02')]).medianResponseDays,
    ).toBeNull();
    expect(requestStats([])).toEqual({
      sent: 0,
      answered: 0,
      unanswered: 0,
      medianResponseDays: null,
      byResponse: { none: 0, token: 0, denial: 0, substantive: 0, pending: 0 },
    });
  });

  it('does not count an answer without a date as answered', () => {
    const stats = requestStats([req('a', '2024-01-01', 'token', null)]);
    expect(stats.answered).toBe(0);
    expect(stats.unanswered).toBe(1);
  });

  it('counts response times between the earliest days of imprecise dates', () => {
    expect(requestStats([req('a', '2024-03', 'denial', '2024-04-15')]).medianResponseDays).toBe(45);
  });
});

describe('analysis/requests/median', () => {
  it('handles odd, even, single and empty lists without depending on order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

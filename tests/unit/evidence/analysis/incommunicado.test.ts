import { describe, expect, it } from 'vitest';
import type { EventType } from '../../../../shared/domain';
import { assertNoOverlap, incommunicado, type ContactEvent } from '../../../../main/evidence/analysis/incommunicado';

let clock = 0;
/** An event; createdAt rises with each call unless given, as records made one after another. */
function ev(id: string, type: EventType, date: string, extra: Partial<ContactEvent> = {}): ContactEvent {
  clock += 1;
  return {
    id,
    type,
    date,
    dateApprox: false,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, clock)).toISOString(),
    ...extra,
  };
}

describe('analysis/incommunicado/incommunicado', () => {
  it('makes one closed period from contact_lost to the next contact_restored, and explains it', () => {
    const s = incommunicado(
      [ev('e1', 'contact_lost', '2024-03-02'), ev('e7', 'contact_restored', '2024-04-15')],
      '2024-06-01',
    );
    expect(s.periods).toEqual([
      {
        start: '2024-03-02',
        end: '2024-04-15',
        days: 44,
        open: false,
        minDays: 44,
        maxDays: 44,
        approximate: false,
        startEventId: 'e1',
        endEventId: 'e7',
        explanation: 'Contact lost on 2024-03-02 (event e1) and restored on 2024-04-15 (event e7): 44 days.',
      },
    ]);
    expect(s).toMatchObject({ totalDays: 44, longestDays: 44, current: false, notes: [] });
  });

  it('keeps a period open up to asOf while contact is not restored', () => {
    const s = incommunicado([ev('e1', 'contact_lost', '2024-03-02')], '2024-04-01');
    expect(s.periods).toHaveLength(1);
    expect(s.periods[0]).toMatchObject({
      start: '2024-03-02',
      end: null,
      days: 30,
      open: true,
      minDays: 30,
      maxDays: 30,
      endEventId: null,
    });
    expect(s.periods[0]?.explanation).toBe(
      'Contact lost on 2024-03-02 (event e1) and not restored as of 2024-04-01: 30 days so far.',
    );
    expect(s.current).toBe(true);
    expect(incommunicado([ev('e1', 'contact_lost', '2024-03-02')], '2024-05-01').periods[0]?.days).toBe(60);
  });

  it('sums two periods and finds the longest', () => {
    const s = incommunicado(
      [
        ev('a', 'contact_lost', '2024-01-10'),
        ev('b', 'contact_restored', '2024-01-20'),
        ev('c', 'contact_lost', '2024-02-01'),
        ev('d', 'contact_restored', '2024-03-02'),
      ],
      '2024-12-31',
    );
    expect(s.periods.map((p) => [p.startEventId, p.endEventId, p.days])).toEqual([
      ['a', 'b', 10],
      ['c', 'd', 30],
    ]);
    expect(s.totalDays).toBe(40);
    expect(s.longestDays).toBe(30);
    expect(s.current).toBe(false);
  });

  it('does not open a second period inside an open one, and names both events in a note', () => {
    const s = incommunicado(
      [
        ev('e1', 'contact_lost', '2024-03-01'),
        ev('e2', 'contact_lost', '2024-03-10'),
        ev('e3', 'contact_restored', '2024-03-31'),
      ],
      '2024-12-31',
    );
    expect(s.periods).toHaveLength(1);
    expect(s.periods[0]).toMatchObject({ startEventId: 'e1', endEventId: 'e3', days: 30 });
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0]).toContain('e2');
    expect(s.notes[0]).toContain('e1');
    expect(s.totalDays).toBe(30);
  });

  it('ignores a contact_restored with no open period, with a note', () => {
    const s = incommunicado(
      [
        ev('r0', 'contact_restored', '2024-01-05'),
        ev('l1', 'contact_lost', '2024-02-01'),
        ev('r1', 'contact_restored', '2024-02-11'),
        ev('r2', 'contact_restored', '2024-02-20'),
      ],
      '2024-12-31',
    );
    expect(s.periods.map((p) => [p.startEventId, p.endEventId])).toEqual([['l1', 'r1']]);
    expect(s.notes).toHaveLength(2);
    expect(s.notes[0]).toMatch(/r0.*no open period/);
    expect(s.notes[1]).toMatch(/r2.*no open period/);
  });

  it(
    'reads contact lost and restored on the same day as a change reversed that day, whatever order they were ' +
      'recorded in',
    () => {
      for (const [first, second] of [
        [ev('l', 'contact_lost', '2024-05-05'), ev('r', 'contact_restored', '2024-05-05')],
        [ev('r', 'contact_restored', '2024-05-05'), ev('l', 'contact_lost', '2024-05-05')],
      ] as const) {
        const s = incommunicado([first, second], '2024-06-01');
        expect(s.periods.map((p) => [p.startEventId, p.endEventId, p.days, p.open])).toEqual([['l', 'r', 0, false]]);
        expect(s.current).toBe(false);
        expect(s.notes[0]).toMatch(/same day/);
      }
    },
  );

  it('with a period already open, a same-day restored and lost closes it and opens a new one', () => {
    const s = incommunicado(
      [
        ev('l0', 'contact_lost', '2024-04-01'),
        ev('l1', 'contact_lost', '2024-05-05'),
        ev('r1', 'contact_restored', '2024-05-05'),
      ],
      '2024-06-04',
    );
    expect(s.periods.map((p) => [p.startEventId, p.endEventId, p.days])).toEqual([
      ['l0', 'r1', 34],
      ['l1', null, 30],
    ]);
    expect(s.current).toBe(true);
    expect(s.totalDays).toBe(64);
  });

  it('counts imprecise dates from their earliest day and gives the range the dates allow', () => {
    const s = incommunicado(
      [ev('m1', 'contact_lost', '2024-03'), ev('m2', 'contact_restored', '2024-05')],
      '2024-12-31',
    );
    expect(s.periods[0]).toMatchObject({
      start: '2024-03',
      end: '2024-05',
      days: 61,
      minDays: 31,
      maxDays: 91,
      approximate: true,
    });
    expect(s.periods[0]?.explanation).toBe(
      'Contact lost in 2024-03 (event m1) and restored in 2024-05 (event m2): 61 days, counted from 2024-03-01 ' +
        'to 2024-05-01; the dates allow 31 to 91 days.',
    );
    const y = incommunicado(
      [ev('y1', 'contact_lost', '2023'), ev('y2', 'contact_restored', '2024-06-15')],
      '2024-12-31',
    );
    expect(y.periods[0]).toMatchObject({ days: 531, minDays: 167, maxDays: 531, approximate: true });
  });

  it('keeps days within [minDays, maxDays], never below zero, when imprecise bounds overlap', () => {
    const s = incommunicado(
      [ev('a', 'contact_lost', '2024-03'), ev('b', 'contact_restored', '2024-03-10')],
      '2024-12-31',
    );
    expect(s.periods[0]).toMatchObject({ days: 9, minDays: 0, maxDays: 9 });
    const open = incommunicado([ev('a', 'contact_lost', '2024-03')], '2024-03-10');
    expect(open.periods[0]).toMatchObject({ days: 9, minDays: 0, maxDays: 9, open: true, approximate: true });
  });

  it('marks a day-precise date flagged approximate as approximate, with the same numbers', () => {
    const s = incommunicado(
      [ev('a', 'contact_lost', '2024-03-02', { dateApprox: true }), ev('b', 'contact_restored', '2024-04-15')],
      '2024-12-31',
    );
    expect(s.periods[0]).toMatchObject({ days: 44, minDays: 44, maxDays: 44, approximate: true });
    expect(s.periods[0]?.explanation).toMatch(/^Contact lost around 2024-03-02 \(event a\)/);
  });

  it('leaves out events after asOf, with a note, and never counts past asOf', () => {
    const s = incommunicado(
      [
        ev('a', 'contact_lost', '2024-03-01'),
        ev('b', 'contact_restored', '2024-04-01'),
        ev('c', 'contact_lost', '2024-05-01'),
      ],
      '2024-03-21',
    );
    expect(s.periods).toEqual([expect.objectContaining({ startEventId: 'a', open: true, days: 20 })]);
    expect(s.notes).toHaveLength(2);
    expect(s.notes.join(' ')).toMatch(/b .*after 2024-03-21/);
    const month = incommunicado(
      [ev('a', 'contact_lost', '2024-03-01'), ev('b', 'contact_restored', '2024-03')],
      '2024-03-05',
    );
    expect(month.periods[0]).toMatchObject({ days: 0, maxDays: 4 });
  });

  it('ignores other event types but notes a release inside an open period', () => {
    const s = incommunicado(
      [
        ev('t', 'transfer', '2024-01-01'),
        ev('a', 'contact_lost', '2024-02-01'),
        ev('v', 'visit_denied', '2024-02-10'),
        ev('rel', 'release', '2024-03-01'),
      ],
      '2024-03-02',
    );
    expect(s.periods).toHaveLength(1);
    expect(s.periods[0]).toMatchObject({ open: true, days: 30 });
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0]).toMatch(/rel \(release.*contact_restored/);
  });

  it('gives the same answer for the same records in any input order', () => {
    const events = [
      ev('e1', 'contact_lost', '2024-01'),
      ev('e2', 'contact_restored', '2024-01-20'),
      ev('e3', 'contact_lost', '2024-01-20'),
      ev('e4', 'contact_lost', '2024-02-02'),
      ev('e5', 'contact_restored', '2024-03-01', { dateApprox: true }),
      ev('e6', 'contact_restored', '2024-03-01'),
      ev('e7', 'contact_lost', '2024-04-04'),
    ];
    const expected = incommunicado(events, '2024-05-01');
    expect(expected.periods).toHaveLength(3);
    for (let k = 0; k < 10; k++) {
      const shuffled = [...events].sort(() => Math.random() - 0.5);
      expect(incommunicado(shuffled, '2024-05-01')).toEqual(expected);
    }
    expect(JSON.stringify(incommunicado(events, '2024-05-01'))).toBe(JSON.stringify(expected));
  });

  it('orders same-day events of the same type by createdAt, then id', () => {
    const early = ev('zz', 'contact_lost', '2024-01-01', { createdAt: '2025-01-01T00:00:00.000Z' });
    const late = ev('aa', 'contact_lost', '2024-01-01', { createdAt: '2025-01-02T00:00:00.000Z' });
    expect(incommunicado([late, early], '2024-01-31').periods[0]?.startEventId).toBe('zz');
    const tie = ev('aa', 'contact_lost', '2024-01-01', { createdAt: early.createdAt });
    expect(incommunicado([early, tie], '2024-01-31').periods[0]?.startEventId).toBe('aa');
  });

  it('refuses an asOf that is not a full date', () => {
    expect(() => incommunicado([], '2024-03')).toThrow(/full date/);
    expect(incommunicado([], '2024-03-01')).toEqual({
      periods: [],
      totalDays: 0,
      longestDays: 0,
      current: false,
      notes: [],
    });
  });
});

describe('analysis/incommunicado/assertNoOverlap', () => {
  it('accepts the periods the analysis builds and catches overlapping ones', () => {
    const { periods } = incommunicado(
      [
        ev('a', 'contact_lost', '2024-01-01'),
        ev('b', 'contact_restored', '2024-01-31'),
        ev('c', 'contact_lost', '2024-01-31'),
      ],
      '2024-02-10',
    );
    expect(periods).toHaveLength(2);
    expect(() => assertNoOverlap(periods)).not.toThrow();
    const [first, second] = periods;
    if (!first || !second) throw new Error('two periods expected');
    expect(() => assertNoOverlap([first, { ...second, start: '2024-01-15' }])).toThrow(/overlap at event c/);
  });
});

import { describe, expect, it } from 'vitest';
import { layoutChart, type ChartEvent } from '../../../shared/chart-layout';

const events: ChartEvent[] = [
  { id: 'a', date: '2025-03-14', label: 'Arrest' },
  { id: 'b', date: '2025-03-16', label: 'Detention' },
  { id: 'c', date: '2025-11-20', label: 'Contact lost' },
  { id: 'd', date: '2026-02-12', label: 'Contact restored' },
];
const periods = [{ start: '2025-11-20', end: '2026-02-12', days: 84, open: false }];

describe('shared/chart-layout layoutChart', () => {
  it(
    'lays out the overview (960 wide, boolean rtl) as ' + 'before, and a page of any width with the same proportions',
    () => {
      const overview = layoutChart(events, periods, '2026-11-28');
      expect(layoutChart(events, periods, '2026-11-28', false)).toEqual(overview);
      expect(overview.width).toBe(960);
      const page = layoutChart(events, periods, '2026-11-28', { width: 495 });
      expect(page.width).toBe(495);
      for (const m of page.marks) expect(m.x).toBeGreaterThanOrEqual(0);
      for (const m of page.marks) expect(m.x).toBeLessThanOrEqual(495);
      expect(page.todayX).toBeCloseTo(495 - 40);
      const share = (l: typeof page, i: number): number => ((l.bands[i]?.x ?? 0) - 40) / (l.width - 80);
      expect(share(page, 0)).toBeCloseTo(share(overview, 0), 6);
    },
  );

  it('places labels by the widths it is given, so wider labels take more rows', () => {
    const narrow = layoutChart(events, periods, '2026-11-28', { width: 495, labelWidth: () => 10 });
    const wide = layoutChart(events, periods, '2026-11-28', { width: 495, labelWidth: () => 300 });
    const rows = (l: typeof narrow): number => new Set(l.marks.map((m) => m.row)).size;
    expect(rows(wide)).toBeGreaterThan(rows(narrow));
  });
});

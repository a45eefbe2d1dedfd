import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/vault';

describe('vigil demo', () => {
  it('creates a fictional case that the timeline, search and verify commands can use at once', () => {
    const dir = path.join(tempDir(), 'demo');
    const made = runCli(['demo', dir]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/FICTIONAL/);

    const shown = runCli(['case', 'show', dir, 'DEMO-2025-001', '--json']);
    expect(shown.status, shown.stderr).toBe(0);
    const c = JSON.parse(shown.stdout) as {
      title: string;
      summary: string;
      people: { code: string; name?: string }[];
      items: unknown[];
    };
    expect(c.title).toMatch(/FICTIONAL DEMO/);
    expect(c.summary).toMatch(/FICTIONAL/);
    expect(c.items.length).toBeGreaterThanOrEqual(5);
    // Protected people appear by code; only those who consented are named.
    expect(c.people.find((p) => p.code === 'D-001')?.name).toBeUndefined();

    const timeline = runCli(['timeline', dir, 'DEMO-2025-001', '--as-of', '2026-11-28', '--json']);
    expect(timeline.status, timeline.stderr).toBe(0);
    const t = JSON.parse(timeline.stdout) as {
      events: unknown[];
      detainees: {
        incommunicado: {
          periods: { start: string; end: string | null; days: number; open: boolean }[];
          totalDays: number;
          longestDays: number;
          current: boolean;
        };
        requests: { sent: number; answered: number; unanswered: number; medianResponseDays: number | null };
      }[];
    };
    expect(t.events.length).toBeGreaterThanOrEqual(10);
    const [d] = t.detainees;
    expect(d?.incommunicado.periods.map((p) => [p.start, p.end, p.open])).toEqual([
      ['2025-11-20', '2026-02-12', false],
      ['2026-04-18', null, true],
    ]);
    expect(d?.incommunicado.current).toBe(true);
    expect(d?.incommunicado.totalDays).toBe(84 + 224);
    expect(d?.requests.sent).toBeGreaterThanOrEqual(30);
    expect(d?.requests.unanswered).toBeGreaterThan(d?.requests.answered ?? 0);

    const search = runCli(['search', dir, 'colony', '--json']);
    expect(search.status, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as { hits: unknown[] }).hits.length).toBeGreaterThan(0);

    expect(runCli(['verify', dir]).status).toBe(0);
  });
});

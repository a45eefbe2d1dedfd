import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../../main/evidence/demo';
import { callChannel as call, channelValue as value, coreForEachTest, suiteDemoVault } from '../../helpers/ipc';

const cores = coreForEachTest();

let demoDir = '';
let demo: DemoSummary;
beforeAll(async () => {
  ({ dir: demoDir, demo } = await suiteDemoVault());
});

describe('ipc/search.ipc', () => {
  it('search:query finds a word of the demo documents with highlight ranges inside the snippet', async () => {
    const core = await cores.unlocked(demoDir);
    const result = await value(core, 'search:query', { text: 'colony' });
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) {
      expect(hit.highlights.length).toBeGreaterThan(0);
      for (const [start, end] of hit.highlights)
        expect(hit.snippet.slice(start, end).toLowerCase()).toContain('colony');
    }
    expect(result.hits.every((h) => h.caseId === demo.caseId)).toBe(true);
  });

  it('search:query applies the kind, case, person and date filters', async () => {
    const core = await cores.unlocked(demoDir);
    const items = await value(core, 'search:query', { text: 'colony', kinds: ['item'] });
    expect(items.hits.length).toBeGreaterThan(0);
    expect(items.hits.every((h) => h.kind === 'item')).toBe(true);
    const segments = await value(core, 'search:query', { text: 'colony', kinds: ['segment'], caseId: demo.caseId });
    expect(segments.hits.every((h) => h.kind === 'segment' && typeof h.context?.interviewId === 'string')).toBe(true);
    const in2026 = await value(core, 'search:query', { text: 'colony', kinds: ['item'], dateFrom: '2026' });
    expect(in2026.hits.length).toBe(items.hits.length);
    expect(in2026.hits.every((h) => (h.date ?? '') >= '2026')).toBe(true);
    expect(await value(core, 'search:query', { text: 'colony', kinds: ['item'], dateTo: '2025-12' })).toMatchObject({
      hits: [],
      total: 0,
    });
    const facets = await value(core, 'search:facets', {});
    const person = facets.people[0];
    expect(facets.cases.map((c) => c.id)).toEqual([demo.caseId]);
    const everything = await value(core, 'search:query', { text: 'colony' });
    const byPerson = await value(core, 'search:query', { text: 'colony', personId: person?.id ?? '' });
    expect(byPerson.total ?? 0).toBeLessThanOrEqual(everything.total ?? 0);
  });

  it('search:facets lists people by code, never by name', async () => {
    const core = await cores.unlocked(demoDir);
    const facets = await value(core, 'search:facets', {});
    expect(facets.people.length).toBe(demo.counts.people);
    for (const p of facets.people) {
      expect(p.code).toMatch(/^[A-Z]+-\d+/);
      expect(Object.keys(p).sort()).toEqual(['caseIds', 'code', 'id']);
    }
  });

  it('an empty query finds nothing; a date that is not one is INVALID_INPUT with a clear message', async () => {
    const core = await cores.unlocked(demoDir);
    expect(await value(core, 'search:query', { text: '   ' })).toMatchObject({ hits: [], total: 0 });
    expect(await call(core, 'search:query', { text: 'colony', dateFrom: '2026-13' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('not a date') },
    });
  });

  it('refuses malformed requests with INVALID_INPUT', async () => {
    const core = await cores.unlocked(demoDir);
    for (const req of [
      {},
      { text: 1 },
      { text: 'a', kinds: ['nothing'] },
      { text: 'a', limit: 0 },
      { text: 'a', dateTo: 'yesterday' },
      { text: 'a', extra: true },
    ]) {
      expect(await call(core, 'search:query', req)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await call(core, 'search:facets', { x: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers VAULT_LOCKED while locked', async () => {
    const current = await cores.locked();
    expect(await call(current, 'search:query', { text: 'colony' })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_LOCKED' },
    });
    expect(await call(current, 'search:facets', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});

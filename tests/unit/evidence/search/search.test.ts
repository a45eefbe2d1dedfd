import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexNewDoc } from '../../../../main/evidence/search/index-store';
import { RANK_CAP, search } from '../../../../main/evidence/search/search';
import type { Vault } from '../../../../main/vault/vault';
import { newTestVault } from '../../../helpers/vault';
import { addItem, buildWorld } from './fixtures';

let vault: Vault;
let w: ReturnType<typeof buildWorld>;

beforeEach(async () => {
  vault = (await newTestVault()).vault;
  w = buildWorld(vault);
});
afterEach(async () => vault.close());

const refs = (q: string, f = {}): string[] => search(vault.db, q, f).hits.map((h) => h.refId);

describe('search/search', () => {
  it('ranks a title match above a body match', () => {
    const inBody = addItem(vault, { caseId: w.caseA, title: 'Other report', text: 'A zebra was seen near the gate.' });
    const inTitle = addItem(vault, { caseId: w.caseA, title: 'Zebra report', text: 'Seen near the gate.' });
    const { hits } = search(vault.db, 'zebra');
    expect(hits.map((h) => h.refId)).toEqual([inTitle, inBody]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('returns a plain-text snippet with highlight ranges on the matched words', () => {
    const { hits, total } = search(vault.db, '"forty days"');
    expect(total).toBe(1);
    const hit = hits[0]!;
    expect(hit.kind).toBe('segment');
    expect(hit.snippet).not.toMatch(/[\uE000\uE001]/);
    // FTS5 marks a phrase as one match
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase())).toEqual(['forty days']);
    expect(hit.context).toEqual({ interviewId: w.interview, position: 1, startMs: 15_000 });
    expect(hit.refId).toBe(`${w.revision}:1`);
  });

  it('searches only the current transcript revision', () => {
    expect(refs('zanzibar')).toEqual([]);
  });

  it('names protected people by code in titles and snippets, and keeps the names of people who consented', () => {
    const result = search(vault.db, 'Petrov');
    const kinds = result.hits.map((h) => h.kind).sort();
    expect(kinds).toEqual(['interview', 'person', 'request', 'segment']);
    expect(JSON.stringify(result)).not.toMatch(/Petrov|Vanya/);
    const person = result.hits.find((h) => h.kind === 'person')!;
    expect(person.title).toBe('W-014');
    const request = result.hits.find((h) => h.kind === 'request')!;
    expect(request.snippet).toBe('Where is W-014 held?');
    expect(request.highlights.map(([s, e]) => request.snippet.slice(s, e))).toEqual(['W-014']);
    const segment = search(vault.db, 'colony').hits[0]!;
    expect(segment.title).toBe('W-014');
    expect(segment.snippet).toContain('Maria Sokolova');
    expect(search(vault.db, 'Vanya').hits.map((h) => h.title)).toEqual(['W-014']);
  });

  it('filters by case', () => {
    expect(refs('letter', { caseId: w.caseB })).toEqual([w.itemB]);
    expect(refs('letter', { caseId: w.caseA }).sort()).toEqual([w.itemA, `${w.revision}:0`, `${w.revision}:1`].sort());
    expect(refs('letter', { caseId: 'no-such-case' })).toEqual([]);
  });

  it('filters by kind', () => {
    expect(refs('letter', { kinds: ['item'] }).sort()).toEqual([w.itemA, w.itemB].sort());
    expect(refs('IK-6', { kinds: ['event', 'item'] }).sort()).toEqual([w.event, w.itemA].sort());
    expect(refs('letter', { kinds: ['request'] })).toEqual([]);
  });

  it('filters by person, matching the whole id only', () => {
    expect(refs('letter', { personId: w.ivan }).sort()).toEqual([w.itemA, `${w.revision}:0`, `${w.revision}:1`].sort());
    expect(refs('letter', { personId: w.ivan.slice(0, 8) })).toEqual([]);
    expect(refs('letter', { personId: w.maria })).toEqual([]);
  });

  it('filters by partial dates: a month or year is in range if any of its days is', () => {
    expect(refs('letter', { dateFrom: '2024-03-10', dateTo: '2024-03-20' })).toEqual([w.itemA]);
    expect(refs('letter', { dateTo: '2023' })).toEqual([w.itemB]);
    expect(refs('letter', { dateFrom: '2024' }).sort()).toEqual([w.itemA, `${w.revision}:0`, `${w.revision}:1`].sort());
    expect(refs('letter', { dateFrom: '2024-03-31' })).toEqual([w.itemA]);
    expect(refs('letter', { dateFrom: '2024-04' })).toEqual([]);
    expect(refs('IK-6', { dateFrom: '2024-02-10', dateTo: '2024-02-10' })).toEqual([w.event]);
  });

  it('pages with limit and offset and reports the total', () => {
    const all = search(vault.db, 'letter');
    expect(all.total).toBe(4);
    const page = search(vault.db, 'letter', { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.hits.map((h) => h.refId)).toEqual(all.hits.slice(1, 3).map((h) => h.refId));
  });

  it('returns nothing for an empty or operator-only query', () => {
    expect(search(vault.db, '  ')).toMatchObject({ hits: [], total: 0 });
    expect(search(vault.db, 'AND " *')).toMatchObject({ hits: [], total: 0 });
  });

  it('refuses malformed filters with INVALID_INPUT', () => {
    for (const f of [
      { dateFrom: '2024-13' },
      { dateTo: 'yesterday' },
      { limit: 0 },
      { limit: 10_000 },
      { offset: -1 },
      { kinds: ['nonsense' as 'item'] },
    ]) {
      expect(() => search(vault.db, 'letter', f), JSON.stringify(f)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }) as Error,
      );
    }
  });

  it('ranks a sample when a word matches more than RANK_CAP records, and says so by leaving out the total', () => {
    vault.db.transaction(() => {
      for (let i = 0; i < RANK_CAP + 50; i++) {
        indexNewDoc(vault.db, {
          kind: 'event',
          refId: `bulk-${i}`,
          caseId: w.caseB,
          personIds: [],
          date: null,
          title: '',
          body: `common word ${i % 7 === 0 ? 'rare' : ''}`,
        });
      }
    })();
    const many = search(vault.db, 'common');
    expect(many.total).toBeUndefined();
    expect(many.hits).toHaveLength(20);
    const few = search(vault.db, 'rare common');
    expect(few.total).toBe(Math.ceil((RANK_CAP + 50) / 7));
  });
});

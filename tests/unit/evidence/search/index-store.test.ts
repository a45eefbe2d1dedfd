import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexDoc, indexNewDoc, rebuildSearchIndex, removeDocs } from '../../../../main/evidence/search/index-store';
import type { SearchDoc } from '../../../../main/evidence/search/search-doc';
import { caseBucket, homeRowid } from '../../../../main/evidence/search/rowid';
import { search } from '../../../../main/evidence/search/search';
import type { Vault } from '../../../../main/vault/vault';
import { newTestVault } from '../../../helpers/vault';
import { addTranscript, buildWorld, moveItem } from './fixtures';

let vault: Vault;

beforeEach(async () => {
  vault = (await newTestVault()).vault;
});
afterEach(async () => vault.close());

const doc = (over: Partial<SearchDoc> = {}): SearchDoc => ({
  kind: 'item',
  refId: 'item-1',
  caseId: null,
  personIds: [],
  date: null,
  title: 'A title',
  body: 'first body',
  ...over,
});
const rows = (): number => vault.db.prepare('SELECT count(*) FROM search_index').pluck().get() as number;
const inTx = (fn: () => void): void => vault.db.transaction(fn)();
const refs = (q: string, f = {}): string[] => search(vault.db, q, f).hits.map((h) => h.refId);
/** Every search result for a few queries, without timings, to compare two states of the index. */
const snapshot = (): string =>
  JSON.stringify(
    ['letter', 'Petrov', 'IK-6', 'colony', 'journalist', 'FSIN', 'zanzibar', 'W-014'].map((q) =>
      search(vault.db, q).hits.map(({ score, ...h }) => ({ ...h, score: score.toFixed(6) })),
    ),
  );

describe('search/index-store/indexDoc', () => {
  it('replaces the row with the same kind and refId', () => {
    inTx(() => indexDoc(vault.db, doc()));
    inTx(() => indexDoc(vault.db, doc({ body: 'second body' })));
    expect(rows()).toBe(1);
    expect(refs('first')).toEqual([]);
    expect(refs('second')).toEqual(['item-1']);
  });

  it('keeps records of different kinds with the same id apart', () => {
    inTx(() => {
      indexDoc(vault.db, doc());
      indexDoc(vault.db, doc({ kind: 'event' }));
    });
    expect(rows()).toBe(2);
  });

  it('moves a record to its new case instead of leaving the old row behind', () => {
    const w = buildWorld(vault);
    moveItem(vault, w.itemA, w.caseB);
    expect(refs('official', { caseId: w.caseA })).toEqual([]);
    expect(refs('official', { caseId: w.caseB })).toEqual([w.itemA]);
    moveItem(vault, w.itemA, null);
    expect(refs('official')).toEqual([w.itemA]);
    expect(refs('official', { caseId: w.caseB })).toEqual([]);
  });

  it('survives a hash collision: a foreign row in the home slot is kept and the doc goes next to it', () => {
    const home = homeRowid(caseBucket(null), 'item', 'item-1');
    vault.db
      .prepare('INSERT INTO search_index (rowid, kind, ref_id, title, body) VALUES (?, ?, ?, ?, ?)')
      .run(home, 'item', 'squatter', '', 'first squatter');
    inTx(() => indexDoc(vault.db, doc()));
    inTx(() => indexDoc(vault.db, doc({ body: 'second body' })));
    expect(rows()).toBe(2);
    expect(refs('second')).toEqual(['item-1']);
    inTx(() => removeDocs(vault.db, 'item', ['item-1']));
    expect(refs('first')).toEqual(['squatter']);
  });

  it('strips the snippet marker characters from stored text', () => {
    inTx(() => indexDoc(vault.db, doc({ title: 'x\uE000y', body: 'mark\uE001er' })));
    const stored = vault.db.prepare('SELECT title || body FROM search_index').pluck().get() as string;
    expect(stored).not.toMatch(/[\uE000\uE001]/);
  });
});

describe('search/index-store/indexNewDoc', () => {
  it('adds a fresh record', () => {
    inTx(() => indexNewDoc(vault.db, doc({ refId: 'fresh', body: 'brand new' })));
    expect(refs('brand')).toEqual(['fresh']);
  });
});

describe('search/index-store/removeDocs', () => {
  it('removes the named records only and ignores unknown ones', () => {
    inTx(() => {
      indexDoc(vault.db, doc({ refId: 'a' }));
      indexDoc(vault.db, doc({ refId: 'b', caseId: 'some-case' }));
      indexDoc(vault.db, doc({ refId: 'c' }));
    });
    inTx(() => removeDocs(vault.db, 'item', ['b', 'zzz']));
    inTx(() => removeDocs(vault.db, 'item', []));
    expect(refs('first').sort()).toEqual(['a', 'c']);
    inTx(() => removeDocs(vault.db, 'event', ['a']));
    expect(rows()).toBe(2);
  });
});

describe('search/index-store/rebuildSearchIndex', () => {
  it('reproduces the same results from the source tables', () => {
    const w = buildWorld(vault);
    addTranscript(vault, w.interview, [
      { speaker: 'Interviewer', text: 'Third revision: the letter from the colony.' },
    ]);
    const before = snapshot();
    const count = rows();
    const { rows: rebuilt } = vault.db.transaction(() => rebuildSearchIndex(vault.db))();
    expect(rebuilt).toBe(count);
    expect(rows()).toBe(count);
    expect(snapshot()).toBe(before);
  });

  it('repairs an index that lost, gained or garbled rows', () => {
    const w = buildWorld(vault);
    const before = snapshot();
    vault.db.prepare('DELETE FROM search_index WHERE ref_id = ?').run(w.itemA);
    vault.db.prepare(`UPDATE search_index SET body = 'garbled' WHERE ref_id = ?`).run(w.request);
    vault.db
      .prepare(`INSERT INTO search_index (kind, ref_id, title, body) VALUES ('item', 'ghost', 'letter', 'letter')`)
      .run();
    expect(snapshot()).not.toBe(before);
    vault.db.transaction(() => rebuildSearchIndex(vault.db))();
    expect(snapshot()).toBe(before);
  });
});

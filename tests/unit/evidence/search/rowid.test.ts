import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexDoc } from '../../../../main/evidence/search/index-store';
import {
  PROBE_WINDOW,
  bucketOf,
  bucketRange,
  bucketsInUse,
  caseBucket,
  homeRowid,
} from '../../../../main/evidence/search/rowid';
import type { Vault } from '../../../../main/vault/vault';
import { newTestVault } from '../../../helpers/vault';

describe('search/rowid/homeRowid', () => {
  it('puts a record and its whole probe window inside its case bucket, as a positive 63-bit rowid', () => {
    for (const caseId of [null, 'case-a', 'case-b']) {
      const bucket = caseBucket(caseId);
      const [lo, hi] = bucketRange(bucket);
      for (let i = 0; i < 200; i++) {
        const home = homeRowid(bucket, 'segment', `rev:${i}`);
        expect(home >= lo && home + PROBE_WINDOW - 1n <= hi).toBe(true);
        expect(bucketOf(home)).toBe(bucket);
        expect(home > 0n || bucket === 0n).toBe(true);
        expect(hi < 2n ** 63n).toBe(true);
      }
    }
    expect(caseBucket(null)).toBe(0n);
    expect(caseBucket('case-a')).not.toBe(0n);
    expect(homeRowid(1n, 'item', 'x')).not.toBe(homeRowid(1n, 'event', 'x'));
  });
});

describe('search/rowid/bucketsInUse', () => {
  let vault: Vault;
  beforeEach(async () => {
    vault = (await newTestVault()).vault;
  });
  afterEach(async () => vault.close());

  it('finds every bucket that holds rows', () => {
    expect(bucketsInUse(vault.db)).toEqual([]);
    vault.db.transaction(() => {
      for (const caseId of [null, 'case-a', 'case-b', 'case-a'])
        indexDoc(vault.db, {
          kind: 'item',
          refId: `${caseId}`,
          caseId,
          personIds: [],
          date: null,
          title: '',
          body: 'x',
        });
    })();
    const expected = [...new Set([0n, caseBucket('case-a'), caseBucket('case-b')])].sort((a, b) => (a < b ? -1 : 1));
    expect(bucketsInUse(vault.db)).toEqual(expected);
  });
});

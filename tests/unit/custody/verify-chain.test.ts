import { beforeAll, describe, expect, it } from 'vitest';
import { ZERO_HASH, canonicalEntryBytes, parseCanonicalEntry, type CustodyEntry } from '../../../main/custody/entry';
import { leafHash, merkleRoot } from '../../../main/custody/merkle';
import type { StoredEntry } from '../../../main/custody/chain-rows';
import { verifyChain, type ChainFailure } from '../../../main/custody/verify-chain';
import {
  VAULT_ID,
  generateLog,
  makeEntry,
  newMember,
  rowHash,
  storeRow,
  type GeneratedLog,
  type Member,
} from './custody-fixture';

let log: GeneratedLog;
beforeAll(async () => {
  log = await generateLog(50);
});

const leavesOf = (rows: StoredEntry[]): Buffer[] => rows.map((r) => leafHash(Buffer.from(r.canonical, 'utf8')));
const rootOf = (rows: StoredEntry[], n = rows.length): Buffer => merkleRoot(leavesOf(rows.slice(0, n)));
const entryAt = (seq: number): CustodyEntry => parseCanonicalEntry((log.rows[seq] as StoredEntry).canonical);

/** A copy of the log with row `seq` rewritten; signed again by `signer` when given (else the old signature stays). */
async function edited(seq: number, change: (e: CustodyEntry) => CustodyEntry, signer?: Member): Promise<StoredEntry[]> {
  const rows = log.rows.slice();
  const entry = change(entryAt(seq));
  rows[seq] = signer
    ? await storeRow(entry, signer)
    : { seq, canonical: Buffer.from(canonicalEntryBytes(entry)).toString('utf8'), sig: (rows[seq] as StoredEntry).sig };
  return rows;
}

async function expectBad(
  rows: Iterable<StoredEntry>,
  seq: number,
  reason: ChainFailure,
  opts: Partial<Parameters<typeof verifyChain>[1]> = {},
): Promise<void> {
  const report = await verifyChain(rows, { vaultId: VAULT_ID, ...opts });
  expect(report.ok).toBe(false);
  expect(report.firstBad).toMatchObject({ seq, reason });
  expect(report.firstBad?.detail.length).toBeGreaterThan(10);
}

describe('custody/verify-chain/verifyChain', () => {
  it('passes a generated log of 50 signed entries and reports its state', async () => {
    const r = await verifyChain(log.rows, { vaultId: VAULT_ID });
    expect(r.firstBad).toBeUndefined();
    expect(r).toMatchObject({
      ok: true,
      size: 50,
      root: rootOf(log.rows).toString('hex'),
      lastHash: rowHash(log.rows[49] as StoredEntry),
    });
    expect(r.actors).toEqual([log.alice.hex, log.bob2.hex]); // carol removed, bob rotated to bob2
  });

  it('passes against a checkpoint of the whole log or of a prefix', async () => {
    expect(
      (await verifyChain(log.rows, { vaultId: VAULT_ID, checkpoint: { size: 50, root: rootOf(log.rows) } })).ok,
    ).toBe(true);
    expect(
      (await verifyChain(log.rows, { vaultId: VAULT_ID, checkpoint: { size: 30, root: rootOf(log.rows, 30) } })).ok,
    ).toBe(true);
    expect((await verifyChain(log.rows, { vaultId: VAULT_ID, checkpoint: { size: 0, root: merkleRoot([]) } })).ok).toBe(
      true,
    );
  });

  it('catches an edited entry (data changed, old signature kept) as a bad signature', async () => {
    await expectBad(await edited(12, (e) => ({ ...e, data: { ...e.data, n: 999 } })), 12, 'signature');
  });

  it('catches stored text edited into a non-canonical form', async () => {
    const rows = log.rows.slice();
    const row = rows[17] as StoredEntry;
    rows[17] = { ...row, canonical: row.canonical.replace('{"action"', '{ "action"') };
    await expectBad(rows, 17, 'malformed');
  });

  it('catches a deleted row as a gap at the missing seq', async () => {
    await expectBad(
      log.rows.filter((r) => r.seq !== 25),
      25,
      'gap',
    );
    await expectBad(log.rows.slice(1), 0, 'gap');
  });

  it('catches two swapped rows as a reorder at the first misplaced seq', async () => {
    const adjacent = log.rows.slice();
    [adjacent[10], adjacent[11]] = [adjacent[11] as StoredEntry, adjacent[10] as StoredEntry];
    await expectBad(adjacent, 10, 'reorder');
    const distant = log.rows.slice();
    [distant[10], distant[40]] = [distant[40] as StoredEntry, distant[10] as StoredEntry];
    await expectBad(distant, 10, 'reorder');
  });

  it('catches rows whose contents were swapped under their keys', async () => {
    const rows = log.rows.slice();
    const [a, b] = [rows[10] as StoredEntry, rows[11] as StoredEntry];
    rows[10] = { ...b, seq: 10 };
    rows[11] = { ...a, seq: 11 };
    await expectBad(rows, 10, 'reorder');
  });

  it('catches a duplicated row, by key or by content under a new key', async () => {
    const rows = log.rows.slice();
    rows.splice(11, 0, rows[10] as StoredEntry);
    await expectBad(rows, 11, 'duplicate');
    const copyUnderNewKey = log.rows.slice();
    copyUnderNewKey[11] = { ...(log.rows[10] as StoredEntry), seq: 11 };
    await expectBad(copyUnderNewKey, 11, 'duplicate');
  });

  it('catches truncation against a checkpoint and a checkpoint root that does not match', async () => {
    await expectBad(log.rows.slice(0, 40), 40, 'truncated', { checkpoint: { size: 50, root: rootOf(log.rows) } });
    await expectBad([], 0, 'truncated', { checkpoint: { size: 1, root: rootOf(log.rows, 1) } });
    await expectBad(log.rows, 29, 'root-mismatch', { checkpoint: { size: 30, root: rootOf(log.rows, 31) } });
    // A fault after the checkpoint's size comes second to the root mismatch before it.
    await expectBad(await edited(40, (e) => ({ ...e, data: {} })), 29, 'root-mismatch', {
      checkpoint: { size: 30, root: rootOf(log.rows, 31) },
    });
  });

  it('catches a signature swapped with another entry', async () => {
    const rows = log.rows.slice();
    rows[15] = { ...(rows[15] as StoredEntry), sig: (rows[16] as StoredEntry).sig };
    await expectBad(rows, 15, 'signature');
  });

  it('catches an entry re-signed by a key the log never introduced', async () => {
    const mallory = await newMember();
    await expectBad(await edited(22, (e) => ({ ...e, actor: mallory.hex }), mallory), 22, 'unknown-actor');
  });

  it('catches a wrong vault id, expected or inside an entry', async () => {
    await expectBad(log.rows, 0, 'wrong-vault', { vaultId: '00000000-0000-4000-8000-000000000000' });
    const signer = log.signers[8] as Member;
    await expectBad(
      await edited(8, (e) => ({ ...e, vault: '00000000-0000-4000-8000-000000000000' }), signer),
      8,
      'wrong-vault',
    );
  });

  it('catches a changed prev, even when the entry is properly re-signed', async () => {
    const signer = log.signers[33] as Member;
    await expectBad(await edited(33, (e) => ({ ...e, prev: ZERO_HASH }), signer), 33, 'link');
    await expectBad(await edited(0, (e) => ({ ...e, prev: 'f'.repeat(64) }), log.alice), 0, 'link');
  });

  it('derives members from the log: removed and rotated-out keys may no longer act', async () => {
    await expectBad(await edited(35, (e) => ({ ...e, actor: log.carol.hex }), log.carol), 35, 'unknown-actor');
    await expectBad(await edited(25, (e) => ({ ...e, actor: log.bob.hex }), log.bob), 25, 'unknown-actor');
    // Before the rotation bob's key was a member's; the same kind of edit there only breaks the next link.
    await expectBad(await edited(9, (e) => ({ ...e, actor: log.bob.hex }), log.bob), 10, 'link');
  });

  it('requires seq 0 to be vault.created introducing its own actor', async () => {
    await expectBad(await edited(0, (e) => ({ ...e, action: 'item.opened' }), log.alice), 0, 'unknown-actor');
    await expectBad(
      await edited(0, (e) => ({ ...e, data: { publicKey: log.bob.hex } }), log.alice),
      0,
      'unknown-actor',
    );
  });

  it('checks member entries: added by a known key, rotation signed by the new key from a current key', async () => {
    const mallory = await newMember();
    await expectBad(await edited(3, (e) => ({ ...e, actor: mallory.hex }), mallory), 3, 'unknown-actor');
    await expectBad(await edited(3, (e) => ({ ...e, data: {} }), log.alice), 3, 'malformed');
    await expectBad(await edited(20, (e) => ({ ...e, actor: log.bob.hex }), log.bob), 20, 'unknown-actor');
    await expectBad(
      await edited(20, (e) => ({ ...e, data: { ...e.data, previousPublicKey: mallory.hex } }), log.bob2),
      20,
      'unknown-actor',
    );
    await expectBad(await edited(20, (e) => ({ ...e, data: { publicKey: log.bob2.hex } }), log.bob2), 20, 'malformed');
  });

  it('reports the verified prefix when it stops, and stops reading rows there', async () => {
    const rows = log.rows.slice();
    rows[15] = { ...(rows[15] as StoredEntry), sig: (rows[16] as StoredEntry).sig };
    let pulled = 0;
    let closed = false;
    function* source(): Generator<StoredEntry> {
      try {
        for (const r of rows) {
          pulled++;
          yield r;
        }
      } finally {
        closed = true;
      }
    }
    const r = await verifyChain(source(), { vaultId: VAULT_ID });
    expect(r).toMatchObject({
      ok: false,
      size: 15,
      root: rootOf(rows, 15).toString('hex'),
      lastHash: rowHash(rows[14] as StoredEntry),
    });
    expect(pulled).toBe(16);
    expect(closed).toBe(true);
  });

  it('treats a row without a usable key or text as malformed', async () => {
    const rows = log.rows.slice();
    rows[4] = { ...(rows[4] as StoredEntry), seq: Number.NaN };
    await expectBad(rows, 4, 'malformed');
    const notJson = log.rows.slice();
    notJson[6] = { ...(notJson[6] as StoredEntry), canonical: 'not json' };
    await expectBad(notJson, 6, 'malformed');
  });

  it('accepts the empty log and refuses an unusable checkpoint', async () => {
    expect(await verifyChain([], { vaultId: VAULT_ID })).toMatchObject({
      ok: true,
      size: 0,
      lastHash: ZERO_HASH,
      root: merkleRoot([]).toString('hex'),
      actors: [],
    });
    await expect(
      verifyChain([], { vaultId: VAULT_ID, checkpoint: { size: -1, root: merkleRoot([]) } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('custody/verify-chain/fixture', () => {
  it('makes entries the schema accepts', async () => {
    const m = await newMember();
    expect(() => canonicalEntryBytes(makeEntry(0, ZERO_HASH, m))).not.toThrow();
  });
});

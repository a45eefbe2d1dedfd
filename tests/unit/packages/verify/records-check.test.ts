import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { CustodyEntry } from '../../../../main/custody';
import type { BagFiles } from '../../../../main/packages/bagit/bag-files';
import { checkRecords, parseRecordOpening, RECORDS_FILE } from '../../../../main/packages/verify/records-check';
import { CheckList } from '../../../../main/packages/verify/report';

const SALT = 'ab'.repeat(32);
const PERSON = { id: 'p-1', code: 'D-001', name: 'Mykola Vydumanyi (fictional)', aliases: [] };

/** The salted hash as an outside verifier computes it, with nothing from Vigil but the canonical JSON rule. */
function outsideHash(salt: string, record: unknown): string {
  return createHash('sha256')
    .update(Buffer.from(salt, 'hex'))
    .update(canonicalize(record) ?? '')
    .digest('hex');
}

function entry(seq: number, action: string, hash: string | null, data: Record<string, unknown>): CustodyEntry {
  return {
    v: 1,
    vault: 'v',
    seq,
    ts: '2026-01-02T00:00:00.000Z',
    actor: '0'.repeat(64),
    action,
    subject: 'p-1',
    hash,
    data,
    prev: '0'.repeat(64),
  };
}

const ENTRIES: CustodyEntry[] = [
  entry(3, 'person.added', outsideHash(SALT, PERSON), { hashFormat: 'salted-v1' }),
  entry(
    4,
    'person.updated',
    createHash('sha256')
      .update(canonicalize(PERSON) ?? '')
      .digest('hex'),
    { fields: ['name'] },
  ),
  entry(5, 'item.ingested', 'c'.repeat(64), {}),
  entry(6, 'person.updated', outsideHash(SALT, PERSON), { hashFormat: 'salted-v2' }),
];

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ seq: 3, kind: 'person', salt: SALT, record: PERSON, ...fields });
}

function bagWith(text: string | null): BagFiles {
  return {
    name: 'bag',
    list: () => Promise.resolve([]),
    hasDataFolder: () => Promise.resolve(true),
    read: (rel) => Promise.resolve(rel === RECORDS_FILE && text !== null ? Buffer.from(text) : null),
    digests: () => Promise.reject(new Error('not used')),
  };
}

async function run(text: string | null, entries = ENTRIES): Promise<CheckList> {
  const list = new CheckList();
  await checkRecords(bagWith(text), entries, list);
  return list;
}

describe('packages/verify/records-check/checkRecords', () => {
  it('passes a record that, hashed with its salt, gives the salted hash its entry signed', async () => {
    const list = await run(`${line({})}\n`);
    expect(list.checks).toEqual([
      expect.objectContaining({ check: 'record', ok: true, detail: expect.stringContaining('All 1 records') }),
    ]);
  });

  it('adds no line for a package without records.jsonl (a profile that keeps names in the vault)', async () => {
    expect((await run(null)).checks).toEqual([]);
  });

  it.each([
    [
      'a changed name in the record',
      line({ record: { ...PERSON, name: 'Someone else (fictional)' } }),
      /the record or its salt was altered/,
    ],
    ['an added field in the record', line({ record: { ...PERSON, notes: 'x' } }), /the record or its salt was altered/],
    ['one changed digit of the salt', line({ salt: `ac${SALT.slice(2)}` }), /the record or its salt was altered/],
    ['a salt one byte short', line({ salt: SALT.slice(2) }), /salt is not 64 lowercase hex/],
    ['an upper-case salt', line({ salt: SALT.toUpperCase() }), /salt is not 64 lowercase hex/],
    ['an entry not in the package', line({ seq: 99 }), /not among the package's verified custody entries/],
    ['an entry of the first (unsalted) rule', line({ seq: 4 }), /made without a salt/],
    ['an entry that commits to no record', line({ seq: 5, kind: 'item' }), /commits to no record/],
    ['an entry of an unknown rule', line({ seq: 6 }), /"salted-v2", which this version of Vigil does not know/],
    [
      'the wrong kind',
      line({ kind: 'case' }),
      /given as a case, but custody entry 3 \(person.added\) commits to a person/,
    ],
    ['a record that is not an object', line({ record: 'x' }), /record is not a JSON object/],
    ['an unexpected field', line({ name: PERSON.name }), /unexpected fields \(name\)/],
    ['a negative entry number', line({ seq: -1 }), /no valid entry number/],
    ['a line that is not JSON', '{"seq":3,', /not valid JSON/],
  ])('fails %s', async (_what, text, detail) => {
    const list = await run(`${text}\n`);
    expect(list.checks).toEqual([
      expect.objectContaining({ check: 'record', ok: false, detail: expect.stringMatching(detail) }),
    ]);
  });

  it('fails a second line opening the same entry, and names the line', async () => {
    const list = await run(`${line({})}\n${line({})}\n`);
    expect(list.checks).toEqual([
      expect.objectContaining({
        ok: false,
        subject: `${RECORDS_FILE} line 2 (entry 3)`,
        detail: expect.stringContaining('same custody entry'),
      }),
    ]);
  });

  it('fails an opening whose entry did not pass the custody check (it is not among the verified entries)', async () => {
    const list = await run(`${line({})}\n`, ENTRIES.slice(1));
    expect(list.ok).toBe(false);
  });

  it('parses a well-formed line', () => {
    expect(parseRecordOpening(line({}))).toEqual({
      seq: 3,
      kind: 'person',
      salt: Buffer.from(SALT, 'hex'),
      record: PERSON,
    });
  });
});

import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { ZERO_HASH, canonicalEntryBytes, custodyEntrySchema, parseCanonicalEntry } from '../../../main/custody/entry';
import { isSurelyCanonical, isSurelyValidEntry } from '../../../main/custody/entry-fast';
import { makeEntry, newMember } from './custody-fixture';

const CANDIDATES: unknown[] = [
  null,
  true,
  0,
  -0,
  1,
  2,
  -1,
  1.5,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  '',
  'x',
  'item.opened',
  'Item.opened',
  'item.',
  'a'.repeat(101),
  'a.' + 'b'.repeat(98),
  's'.repeat(200),
  's'.repeat(201),
  'ab'.repeat(32),
  'AB'.repeat(32),
  'ab'.repeat(31),
  '0'.repeat(64),
  '3f0c2a4e-8b1d-4c7a-9e5f-1a2b3c4d5e6f',
  '3F0C2A4E-8B1D-4C7A-9E5F-1A2B3C4D5E6F',
  '2026-11-28T15:07:21.123Z',
  '2026-11-28T15:07:21Z',
  '2026-02-30T15:07:21.123Z',
  '2026-11-28T24:00:00.000Z',
  '2026-11-28t15:07:21.123z',
  {},
  { a: 1 },
  [],
  [1],
];

describe('custody/entry-fast/isSurelyValidEntry', () => {
  it('never accepts what the zod schema rejects, and accepts ordinary entries', async () => {
    const base = makeEntry(7, ZERO_HASH, await newMember(), {
      hash: 'cd'.repeat(32),
      data: { n: 1 },
    }) as unknown as Record<string, unknown>;
    expect(isSurelyValidEntry(base)).toBe(true);
    let fastAccepted = 0;
    const variants: unknown[] = [null, [], 'x', { ...base, extra: 1 }];
    for (const key of Object.keys(base)) {
      const { [key]: _dropped, ...without } = base;
      variants.push(without);
      for (const c of CANDIDATES) variants.push({ ...base, [key]: c });
    }
    for (const v of variants) {
      const fast = isSurelyValidEntry(v);
      if (fast) fastAccepted++;
      if (fast) expect(custodyEntrySchema.safeParse(v).success, JSON.stringify(v)).toBe(true);
    }
    expect(fastAccepted).toBeGreaterThan(10); // the fast path is really taken
  });
});

describe('custody/entry-fast/isSurelyCanonical', () => {
  it('never accepts a text that is not the RFC 8785 form', () => {
    const texts = [
      '{"a":1,"b":[1,2,{"c":null}]}',
      '{"b":1,"a":2}',
      '{"a":{"d":1,"c":2}}',
      '{"a":1.0}',
      '{"a":-0}',
      '{"a":1e2}',
      '{"a":"\\u00e9"}',
      '{"a":"é"}',
      '{"a":"\\/"}',
      '{ "a":1}',
      '{"1":1,"a":2}',
      '{"\\r":1,"1":2}',
      '{"10":1,"9":2}',
      '{"a":1,"a":2}',
    ];
    for (const t of texts) {
      const raw = JSON.parse(t) as unknown;
      if (isSurelyCanonical(raw, t)) expect(canonicalize(raw), t).toBe(t);
    }
    expect(isSurelyCanonical(JSON.parse('{"a":1,"b":[1,2,{"c":null}]}'), '{"a":1,"b":[1,2,{"c":null}]}')).toBe(true);
  });

  it('leaves integer-like keys to the full check, which accepts the canonical text', async () => {
    // RFC 8785 puts "\r" before "1"; V8 lists the integer-like key first, so only the slow path can say yes.
    const entry = makeEntry(0, ZERO_HASH, await newMember(), { data: { '\r': 1, '1': 2, '10': 3, '9': 4 } });
    const text = Buffer.from(canonicalEntryBytes(entry)).toString('utf8');
    expect(text).toContain('"data":{"\\r":1,"1":2,"10":3,"9":4}');
    expect(isSurelyCanonical(JSON.parse(text), text)).toBe(false);
    expect(parseCanonicalEntry(text).data).toEqual({ '\r': 1, '1': 2, '10': 3, '9': 4 });
  });
});

/**
 * Canonical JSON (RFC 8785) for entries and record hashes: text with an unpaired UTF-16
 * surrogate is refused for anything new, while what an earlier Vigil signed with one
 * (written as a \udxxx escape) still checks.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonAsWritten } from '../../../main/crypto/canonical-json';
import { ZERO_HASH, canonicalEntryBytes, parseCanonicalEntry } from '../../../main/custody/entry';
import { isSurelyCanonical } from '../../../main/custody/entry-fast';
import { makeEntry, newMember } from '../custody/custody-fixture';
import { expectedRecordHash, newRecordSalt, recordHash, saltedRecordHash } from '../../../main/evidence/record-hash';

const BROKEN = `Olena \uD800 Petrenko`; // a high surrogate with no low one after it
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonicalJson', () => {
  it('is RFC 8785: keys sorted by UTF-16 code units, numbers in ECMAScript form, no spaces', () => {
    expect(canonicalJson({ b: [1e21, 0.000001, -0, 'é'], a: { '\u20ac': 1, '\r': 2 } })).toBe(
      '{"a":{"\\r":2,"€":1},"b":[1e+21,0.000001,0,"é"]}',
    );
    expect(canonicalJson({ text: 'a\uD83D\uDE00b' })).toBe('{"text":"a😀b"}');
  });

  it('refuses an unpaired surrogate, NaN and a circular value with INVALID_INPUT saying which', () => {
    expect(() => canonicalJson({ title: BROKEN })).toThrow(/unpaired UTF-16 surrogate/);
    expect(() => canonicalJson({ ['\uDC00']: 1 })).toThrow(/unpaired UTF-16 surrogate/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN, Infinity/);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
    try {
      canonicalJson({ title: BROKEN });
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('gives back the escaped form an earlier Vigil signed, only when checking what is stored', () => {
    expect(canonicalJsonAsWritten({ title: BROKEN })).toBe('{"title":"Olena \\ud800 Petrenko"}');
    expect(canonicalJsonAsWritten({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
    expect(() => canonicalJsonAsWritten({ n: Number.POSITIVE_INFINITY })).toThrow(/NaN, Infinity/);
  });
});

describe('record hashes of text with an unpaired surrogate', () => {
  const record = { id: 'c1', title: BROKEN };

  it('are refused for a new record', () => {
    expect(() => recordHash(record)).toThrow(/unpaired UTF-16 surrogate/);
    expect(() => saltedRecordHash(newRecordSalt(), record)).toThrow(/unpaired UTF-16 surrogate/);
  });

  it('still check for a record signed before the rule, and a changed one is caught', () => {
    const legacy = sha256(canonicalize(record) ?? '');
    expect(expectedRecordHash(undefined, record, null)).toEqual({ hash: legacy });
    expect(expectedRecordHash(undefined, { ...record, title: 'Olena \uD801 Petrenko' }, null)).not.toEqual({
      hash: legacy,
    });
    const salt = newRecordSalt();
    const salted = createHash('sha256')
      .update(salt)
      .update(canonicalize(record) ?? '', 'utf8')
      .digest('hex');
    expect(expectedRecordHash('salted-v1', record, salt)).toEqual({ hash: salted });
  });
});

describe('custody entries with an unpaired surrogate', () => {
  it('are refused when written, and one stored by an earlier Vigil still parses, through the full check too', async () => {
    const member = await newMember();
    expect(() => canonicalEntryBytes(makeEntry(0, ZERO_HASH, member, { data: { title: BROKEN } }))).toThrow(
      /unpaired UTF-16 surrogate/,
    );
    // RFC 8785 puts "\r" before "1" and V8 lists the integer-like key first: only the full check can decide.
    const entry = makeEntry(0, ZERO_HASH, member, { data: { '\r': 2, '1': BROKEN } });
    const text = canonicalize(entry) ?? '';
    expect(text).toContain('"data":{"\\r":2,"1":"Olena \\ud800 Petrenko"}');
    expect(isSurelyCanonical(JSON.parse(text), text)).toBe(false);
    expect(parseCanonicalEntry(text).data).toEqual({ '\r': 2, '1': BROKEN });
    // The same entry with its keys out of order is still refused as not canonical.
    const reordered = text.replace('{"\\r":2,"1":"Olena \\ud800 Petrenko"}', '{"1":"Olena \\ud800 Petrenko","\\r":2}');
    expect(reordered).not.toBe(text);
    expect(() => parseCanonicalEntry(reordered)).toThrow(/canonical/);
  });
});

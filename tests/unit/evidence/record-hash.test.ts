import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  expectedRecordHash,
  newRecordSalt,
  recordHash,
  SALTED_HASH_FORMAT,
  saltedRecordHash,
} from '../../../main/evidence/record-hash';

const SALT = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const RECORD = { name: 'Petro Vigadanyi (fictional)', id: 'p-1', aliases: [], n: 1.5 };
// RFC 8785: members sorted by code point, numbers in their shortest form.
const CANONICAL = '{"aliases":[],"id":"p-1","n":1.5,"name":"Petro Vigadanyi (fictional)"}';

describe('evidence/record-hash', () => {
  it(
    'salted-v1 is SHA-256 of the 32 salt bytes followed by ' + 'the canonical JSON, as an outside verifier computes it',
    () => {
      const outside = createHash('sha256')
        .update(Buffer.concat([SALT, Buffer.from(CANONICAL, 'utf8')]))
        .digest('hex');
      expect(saltedRecordHash(SALT, RECORD)).toBe(outside);
      expect(recordHash(RECORD)).toBe(createHash('sha256').update(CANONICAL).digest('hex'));
      expect(saltedRecordHash(SALT, RECORD)).not.toBe(recordHash(RECORD));
    },
  );

  it('gives the example of DESIGN §3', () => {
    expect(saltedRecordHash(SALT, { name: 'A', id: 'p-1' })).toBe(
      '79e810c43bccc309326514b9fedb0e7da97a614752b25bfe2fc8d7f8b326a553',
    );
  });

  it('a salt gives a different hash for the same record, and refuses any length but 32 bytes', () => {
    const a = newRecordSalt();
    const b = newRecordSalt();
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
    expect(saltedRecordHash(a, RECORD)).not.toBe(saltedRecordHash(b, RECORD));
    expect(() => saltedRecordHash(SALT.subarray(0, 31), RECORD)).toThrow(/32 bytes/);
  });

  it('expectedRecordHash follows the rule the entry names, and says why when it cannot', () => {
    expect(expectedRecordHash(undefined, RECORD, null)).toEqual({ hash: recordHash(RECORD) });
    // An entry of the first rule is checked by that rule even when a salt is at hand.
    expect(expectedRecordHash(undefined, RECORD, SALT)).toEqual({ hash: recordHash(RECORD) });
    expect(expectedRecordHash(SALTED_HASH_FORMAT, RECORD, SALT)).toEqual({ hash: saltedRecordHash(SALT, RECORD) });
    expect(expectedRecordHash(SALTED_HASH_FORMAT, RECORD, null)).toEqual({
      problem: expect.stringContaining('no salt'),
    });
    expect(expectedRecordHash(SALTED_HASH_FORMAT, RECORD, SALT.subarray(1))).toEqual({
      problem: expect.stringContaining('31 bytes'),
    });
    expect(expectedRecordHash('salted-v9', RECORD, SALT)).toEqual({ problem: expect.stringContaining('"salted-v9"') });
    expect(expectedRecordHash(null, RECORD, SALT)).toEqual({ problem: expect.stringContaining('does not know') });
  });
});

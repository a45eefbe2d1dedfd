import { spawnSync } from 'node:child_process';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_CONTEXT,
  ZERO_HASH,
  canonicalEntryBytes,
  custodyEntrySchema,
  entryHashHex,
  nowRfc3339,
  parseCanonicalEntry,
  signEntry,
  verifyEntrySignature,
  type CustodyEntry,
} from '../../../main/custody/entry';
import { isVigilError } from '../../../shared/errors';
import { hasTool } from '../../helpers/tools';
import { VAULT_ID, makeEntry, newMember } from './custody-fixture';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

async function sample(over: Partial<CustodyEntry> = {}): Promise<CustodyEntry> {
  return makeEntry(0, ZERO_HASH, await newMember(), over);
}

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(isVigilError(e) && e.code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

describe('custody/entry/canonicalEntryBytes', () => {
  it('orders members by UTF-16 code units, including non-ASCII keys (RFC 8785 §3.2.3)', async () => {
    const data = {
      '\u20ac': 'Euro Sign',
      '\r': 'CR',
      '\ufb33': 'Dalet',
      '1': 'One',
      '\ud83d\ude00': 'Emoji',
      '\u0080': 'Control',
      '\u00f6': 'o',
    };
    const out = text(canonicalEntryBytes(await sample({ data })));
    const inner = out.slice(out.indexOf('"data":') + 7, out.indexOf(',"hash"'));
    expect(inner).toBe(
      '{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"o","\u20ac":"Euro ' +
        'Sign","\ud83d\ude00":"Emoji","\ufb33":"Dalet"}',
    );
    expect(Object.keys(JSON.parse(out) as object)).toEqual([
      'action',
      'actor',
      'data',
      'hash',
      'prev',
      'seq',
      'subject',
      'ts',
      'v',
      'vault',
    ]);
  });

  it('writes numbers in the ECMAScript shortest form (RFC 8785 appendix B)', async () => {
    const nums = [
      0, -0, 5e-324, 1.7976931348623157e308, 9007199254740992, 1e21, 1e23, 0.000001, 9.999999999999997e-7, 1e20, -1.5,
      333333333.3333333,
    ];
    const out = text(canonicalEntryBytes(await sample({ data: { nums } })));
    expect(out).toContain(
      '"nums":[0,0,5e-324,1.7976931348623157e+308,9007199254740992,1e+21,1e+23,0.000001,9.999999999999997e-7,100000000000000000000,-1.5,333333333.3333333]',
    );
  });

  it(
    'escapes strings minimally: quotes, backslash, ' + 'controls as \\u00xx, nothing else (RFC 8785 §3.2.2.2)',
    async () => {
      const s = '\u20ac$\u000f\nA\'B"\\/\t\u007f\u2028';
      const out = text(canonicalEntryBytes(await sample({ data: { s } })));
      expect(out).toContain('"s":"\u20ac$\\u000f\\nA\'B\\"\\\\/\\t\u007f\u2028"');
    },
  );

  it('round-trips through parseCanonicalEntry byte for byte', async () => {
    const entry = await sample({ data: { a: [1, { b: null }], ключ: 'значение' } });
    const bytes = canonicalEntryBytes(entry);
    expect(text(canonicalEntryBytes(parseCanonicalEntry(text(bytes))))).toBe(text(bytes));
  });

  it('keeps a "__proto__" member of data instead of losing it', async () => {
    const data = JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown>;
    const out = text(canonicalEntryBytes(await sample({ data })));
    expect(out).toContain('"data":{"__proto__":{"x":1}}');
    expect(Object.keys(parseCanonicalEntry(out).data)).toEqual(['__proto__']);
  });

  it('refuses values that would not verify later', async () => {
    const base = await sample();
    expectCode(() => canonicalEntryBytes({ ...base, data: { x: Number.NaN } }), 'INVALID_INPUT');
    expectCode(() => canonicalEntryBytes({ ...base, data: { x: () => 1 } }), 'INVALID_INPUT');
    expectCode(() => canonicalEntryBytes({ ...base, data: { x: 10n } }), 'INVALID_INPUT');
    expectCode(() => canonicalEntryBytes({ ...base, actor: base.actor.toUpperCase() }), 'INVALID_INPUT');
    expectCode(() => canonicalEntryBytes({ ...base, ts: '2026-11-28T15:07:21Z' }), 'INVALID_INPUT');
  });
});

describe('custody/entry/custodyEntrySchema', () => {
  it('accepts a well-formed entry', async () => {
    expect(custodyEntrySchema.safeParse(await sample()).success).toBe(true);
  });

  it.each([
    ['an extra member', { extra: 1 }],
    ['v 2', { v: 2 }],
    ['an uppercase UUID', { vault: VAULT_ID.toUpperCase() }],
    ['a non-UUID vault', { vault: 'vault-1' }],
    ['a negative seq', { seq: -1 }],
    ['a fractional seq', { seq: 1.5 }],
    ['a seq beyond 2^53', { seq: 2 ** 53 }],
    ['a time without milliseconds', { ts: '2026-11-28T15:07:21Z' }],
    ['a time with an offset', { ts: '2026-11-28T15:07:21.123+01:00' }],
    ['an impossible date', { ts: '2026-02-30T15:07:21.123Z' }],
    ['a short actor', { actor: 'abcd' }],
    ['an action without a dot', { action: 'created' }],
    ['an empty subject', { subject: '' }],
    ['an uppercase hash', { hash: 'AB'.repeat(32) }],
    ['an array as data', { data: [] }],
    ['a prev of 63 digits', { prev: '0'.repeat(63) }],
  ])('rejects %s', async (_what, over) => {
    expect(custodyEntrySchema.safeParse({ ...(await sample()), ...over }).success).toBe(false);
  });

  it('rejects a missing member', async () => {
    const { subject: _subject, ...rest } = await sample();
    expect(custodyEntrySchema.safeParse(rest).success).toBe(false);
  });
});

describe('custody/entry/parseCanonicalEntry', () => {
  it('rejects text that is valid JSON but not canonical', async () => {
    const good = text(canonicalEntryBytes(await sample({ data: { n: 10, s: 'é' } })));
    expect(parseCanonicalEntry(good).seq).toBe(0);
    const variants = [
      good.replace('{"action"', '{ "action"'), // whitespace
      `${good}\n`, // trailing newline
      good.replace('"n":10', '"n":1e1'), // number form
      good.replace('"s":"é"', '"s":"\\u00e9"'), // needless escape
      good.replace(/^\{("action":"[^"]*"),("actor":"[0-9a-f]*")/, '{$2,$1'), // member order
    ];
    for (const v of variants) {
      expect(v).not.toBe(good);
      expectCode(() => parseCanonicalEntry(v), 'CUSTODY_BROKEN');
    }
  });

  it('rejects non-JSON and schema violations with CUSTODY_BROKEN', async () => {
    expectCode(() => parseCanonicalEntry('{"v":1'), 'CUSTODY_BROKEN');
    const withExtra = JSON.stringify({ ...(await sample()), x: 1 });
    expectCode(() => parseCanonicalEntry(withExtra), 'CUSTODY_BROKEN');
  });
});

const hasSha256sum = hasTool('sha256sum');

describe('custody/entry/entryHashHex', () => {
  it('is the lowercase hex SHA-256 of the bytes', () => {
    expect(entryHashHex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.skipIf(!hasSha256sum)('equals what sha256sum prints for the canonical bytes written to a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
    try {
      const bytes = canonicalEntryBytes(await sample({ data: { note: 'Ω — ✓', n: 1.5 } }));
      const file = path.join(dir, 'entry.json');
      fs.writeFileSync(file, bytes);
      const out = spawnSync('sha256sum', [file], { encoding: 'utf8' });
      expect(out.status).toBe(0);
      expect(out.stdout.split(' ')[0]).toBe(entryHashHex(bytes));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('custody/entry/signEntry', () => {
  it('signs SIGNATURE_CONTEXT ‖ canonical with Ed25519, checked with OpenSSL', async () => {
    const m = await newMember();
    const bytes = canonicalEntryBytes(makeEntry(0, ZERO_HASH, m));
    const sig = Buffer.from(await signEntry(bytes, m.secretKey), 'base64');
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(m.publicKey).toString('base64url') },
      format: 'jwk',
    });
    expect(nodeVerify(null, Buffer.concat([Buffer.from(SIGNATURE_CONTEXT), bytes]), key, sig)).toBe(true);
    expect(nodeVerify(null, bytes, key, sig)).toBe(false); // the context is really part of the message
  });

  it('refuses a secret key of the wrong size', async () => {
    await expect(signEntry(Buffer.from('x'), new Uint8Array(32))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('custody/entry/verifyEntrySignature', () => {
  it('accepts the signature and rejects every alteration', async () => {
    const [m, other] = [await newMember(), await newMember()];
    const bytes = Buffer.from(canonicalEntryBytes(makeEntry(0, ZERO_HASH, m)));
    const sig = await signEntry(bytes, m.secretKey);
    expect(await verifyEntrySignature(bytes, sig, m.hex)).toBe(true);
    const flipped = Buffer.from(bytes);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(await verifyEntrySignature(flipped, sig, m.hex)).toBe(false);
    expect(await verifyEntrySignature(bytes, sig, other.hex)).toBe(false);
    expect(await verifyEntrySignature(bytes, sig.replace(/=+$/, ''), m.hex)).toBe(false); // not canonical base64
    expect(await verifyEntrySignature(bytes, 'AAAA', m.hex)).toBe(false);
    expect(await verifyEntrySignature(bytes, sig, m.hex.toUpperCase())).toBe(false);
    const sigBytes = Buffer.from(sig, 'base64');
    sigBytes[0] = (sigBytes[0] ?? 0) ^ 1;
    expect(await verifyEntrySignature(bytes, sigBytes.toString('base64'), m.hex)).toBe(false);
  });
});

describe('custody/entry/nowRfc3339', () => {
  it('is UTC with milliseconds and valid for the schema', () => {
    const ts = nowRfc3339();
    expect(ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(custodyEntrySchema.shape.ts.safeParse(ts).success).toBe(true);
    expect(Math.abs(Date.parse(ts) - Date.now())).toBeLessThan(5000);
  });
});

describe('custody/entry/SIGNATURE_CONTEXT', () => {
  it('is the DESIGN §3 context and ZERO_HASH is 64 zeros', () => {
    expect(SIGNATURE_CONTEXT).toBe('vigil-custody-v1\n');
    expect(ZERO_HASH).toBe('0'.repeat(64));
  });
});

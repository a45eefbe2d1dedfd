import { describe, expect, it } from 'vitest';
import {
  decodeHeader,
  encodeHeader,
  encodePaxRecords,
  needsPax,
  parsePaxRecords,
} from '../../../../main/packages/tar/tar-format';

const when = new Date('2024-05-06T00:00:00Z');

describe('packages/tar/encodeHeader', () => {
  it.each([
    ['short/name.txt', 12],
    [`${'p'.repeat(150)}/${'n'.repeat(99)}`, 0],
    ['big', 70 * 1024 ** 3],
  ])('round-trips %s through decodeHeader', (name, size) => {
    const h = decodeHeader(encodeHeader({ name, size, type: 'file', mode: 0o644, mtime: when }));
    expect(h).toEqual({ name, size, type: 'file', typeflag: '0' });
  });

  it('asks for PAX only for names that do not fit ustar and sizes past 8 GiB', () => {
    expect(needsPax('a/b', 1)).toBe(false);
    expect(needsPax('x'.repeat(101), 1)).toBe(true);
    expect(needsPax('a', 8 * 1024 ** 3)).toBe(true);
  });
});

describe('packages/tar/decodeHeader', () => {
  it('refuses a broken checksum, an unknown format and an unreadable size', () => {
    const good = encodeHeader({ name: 'a', size: 1, type: 'file', mode: 0o644, mtime: when });
    const flipped = Buffer.from(good);
    flipped[0] = 0x62;
    expect(() => decodeHeader(flipped)).toThrow(/checksum/);
    const v7 = Buffer.from(good);
    v7.fill(0, 257, 265);
    expect(() => decodeHeader(v7)).toThrow();
    const badSize = Buffer.from(good);
    badSize.write('00000000009\0', 124, 'latin1');
    badSize.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of badSize) sum += b;
    badSize.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(() => decodeHeader(badSize)).toThrow(/size/);
  });
});

describe('packages/tar/parsePaxRecords', () => {
  it('round-trips records, including lengths that cross a power of ten', () => {
    for (const n of [1, 90, 91, 92, 93, 95, 994, 995, 996]) {
      const records: [string, string][] = [
        ['path', 'x'.repeat(n)],
        ['size', '12'],
      ];
      expect([...parsePaxRecords(encodePaxRecords(records))]).toEqual(records);
    }
  });

  it.each([['8 path=x\n'], ['12 path=x\n'], ['x path=x\n'], ['8 =value\n'], ['7 pathx']])(
    'refuses the malformed record %j',
    (text) => {
      expect(() => parsePaxRecords(Buffer.from(text))).toThrow(expect.objectContaining({ code: 'PACKAGE_INVALID' }));
    },
  );
});

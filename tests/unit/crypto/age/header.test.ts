import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeB64, encodeB64 } from '../../../../main/crypto/age/base64';
import {
  encodeHeader,
  findHeaderEnd,
  MAX_HEADER_SIZE,
  parseHeader,
  verifyHeaderMac,
} from '../../../../main/crypto/age/header';
import type { Stanza } from '../../../../main/crypto/age/types';

const fileKey = randomBytes(16);
const malformed = expect.objectContaining({ code: 'AGE_MALFORMED' });

describe('crypto/age/decodeB64', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 70; n++) {
      const b = randomBytes(n);
      expect(decodeB64(encodeB64(b), 'test').equals(b)).toBe(true);
    }
  });

  it.each([
    ['padding', 'AA=='],
    ['non-zero unused bits', 'AB'],
    ['invalid character', 'A-B_'],
    ['CR', 'AAAA\r'],
    ['impossible length', 'AAAAA'],
  ])('refuses %s', (_what, text) => expect(() => decodeB64(text, 'test')).toThrow(malformed));
});

describe('crypto/age/encodeHeader', () => {
  it.each([0, 1, 47, 48, 49, 96, 200])(
    'wraps a %i-byte body at 64 columns, ending with a short line, and parses back',
    (n) => {
      const stanzas: Stanza[] = [
        { type: 'test', args: ['a', 'b'], body: randomBytes(n) },
        { type: 'X', args: [], body: Buffer.alloc(0) },
      ];
      const bytes = encodeHeader(stanzas, fileKey);
      const lines = bytes.toString('latin1').split('\n');
      expect(lines.every((l) => l.length <= 64 || l.startsWith('--- '))).toBe(true);
      expect(findHeaderEnd(Buffer.concat([bytes, randomBytes(100)]))).toBe(bytes.length);
      const header = parseHeader(bytes);
      expect(header.stanzas).toEqual(stanzas);
      expect(() => verifyHeaderMac(fileKey, header)).not.toThrow();
      expect(() => verifyHeaderMac(randomBytes(16), header)).toThrow(malformed);
    },
  );
});

describe('crypto/age/findHeaderEnd', () => {
  it('asks for more bytes until the footer line is complete', () => {
    const bytes = encodeHeader([{ type: 't', args: [], body: randomBytes(10) }], fileKey);
    for (const n of [0, 5, 30, bytes.length - 1]) expect(findHeaderEnd(bytes.subarray(0, n))).toBe(-1);
    expect(findHeaderEnd(bytes)).toBe(bytes.length);
  });

  it('fails fast on a wrong first line and on an endless header', () => {
    expect(() => findHeaderEnd(Buffer.from('age-encryption.org/v2\n'))).toThrow(malformed);
    expect(() => findHeaderEnd(Buffer.from('PK\x03\x04'))).toThrow(malformed);
    const endless = Buffer.concat([Buffer.from('age-encryption.org/v1\n'), Buffer.alloc(MAX_HEADER_SIZE, 0x41)]);
    expect(() => findHeaderEnd(endless)).toThrow(malformed);
    const lateFooter = Buffer.concat([endless, Buffer.from('\n--- x\n')]);
    expect(() => findHeaderEnd(lateFooter)).toThrow(malformed);
  });
});

describe('crypto/age/parseHeader', () => {
  const good = encodeHeader([{ type: 'X25519', args: ['x'], body: randomBytes(32) }], fileKey).toString('latin1');
  it.each([
    ['a stanza without arguments', good.replace('-> X25519 x', '->')],
    ['an empty argument', good.replace('-> X25519 x', '-> X25519  x')],
    ['a body line over 64 columns', good.replace(/\n([A-Za-z0-9+/]{43})\n/, '\n$1$1AA\n')],
    ['a missing short final body line', good.replace(/\n[A-Za-z0-9+/]{43}\n/, '\n')],
    ['a footer with two spaces', good.replace('--- ', '---  ')],
    ['a truncated MAC', good.replace(/--- (\S+)\n$/, (_m, mac: string) => `--- ${mac.slice(0, 40)}\n`)],
  ])('refuses %s', (_what, text) => {
    expect(() => parseHeader(Buffer.from(text, 'latin1'))).toThrow(malformed);
  });
});

import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../main/crypto/sodium';
import {
  encodeMinisignPublicKey,
  keyIdHex,
  minisignKeyId,
  minisignPublicKeyLine,
  parseMinisignPublicKey,
} from '../../../../main/crypto/minisign';
import { newKey } from './helpers';

describe('crypto/minisign/minisignKeyId', () => {
  it('is the first 8 bytes of BLAKE2b-256 of the public key', async () => {
    const sodium = await loadSodium();
    const key = await newKey();
    expect(minisignKeyId(key.publicKey)).toEqual(sodium.crypto_generichash(32, key.publicKey, null).slice(0, 8));
    expect(minisignKeyId(key.publicKey)).toEqual(minisignKeyId(Uint8Array.from(key.publicKey)));
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => minisignKeyId(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('crypto/minisign/keyIdHex', () => {
  it('prints the id as minisign does: little-endian, upper case, 16 digits', () => {
    expect(keyIdHex(Uint8Array.from([0x95, 0xc5, 0x06, 0x73, 0xa2, 0xca, 0x9f, 0x4f]))).toBe('4F9FCAA27306C595');
    expect(keyIdHex(Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0]))).toBe('0000000000000001');
  });
});

describe('crypto/minisign/encodeMinisignPublicKey', () => {
  it('writes the two-line .pub file that parses back to the same key', async () => {
    const key = await newKey();
    const text = encodeMinisignPublicKey(key.keyId, key.publicKey);
    const [comment, line, rest] = text.split('\n');
    expect(comment).toBe(`untrusted comment: minisign public key ${keyIdHex(key.keyId)}`);
    expect(line).toBe(minisignPublicKeyLine(key.keyId, key.publicKey));
    expect(line).toMatch(/^RW[A-Za-z0-9+/]{54}$/);
    expect(rest).toBe('');
    expect(parseMinisignPublicKey(text)).toEqual({ keyId: key.keyId, publicKey: key.publicKey });
  });

  it('takes a custom one-line comment and refuses a line break or a wrong-sized key', async () => {
    const key = await newKey();
    expect(encodeMinisignPublicKey(key.keyId, key.publicKey, 'Vigil member A. Investigator')).toMatch(
      /^untrusted comment: Vigil member A\. Investigator\n/,
    );
    expect(() => encodeMinisignPublicKey(key.keyId, key.publicKey, 'a\nb')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => encodeMinisignPublicKey(key.keyId.slice(1), key.publicKey)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('crypto/minisign/parseMinisignPublicKey', () => {
  it('accepts the bare base64 line, CRLF endings and surrounding blank lines', async () => {
    const key = await newKey();
    const line = minisignPublicKeyLine(key.keyId, key.publicKey);
    expect(parseMinisignPublicKey(line)).toEqual({ keyId: key.keyId, publicKey: key.publicKey });
    expect(parseMinisignPublicKey(`  ${line}  \n`)).toEqual({ keyId: key.keyId, publicKey: key.publicKey });
    expect(parseMinisignPublicKey(`\r\nuntrusted comment: x\r\n${line}\r\n\r\n`).publicKey).toEqual(key.publicKey);
  });

  it('refuses what is not a minisign public key', async () => {
    const key = await newKey();
    const line = minisignPublicKeyLine(key.keyId, key.publicKey);
    const raw = Buffer.from(line, 'base64');
    const bad = [
      '',
      'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq',
      line.slice(0, -4), // too short
      `${line}AAAA`, // too long
      `${line.slice(0, 10)}!${line.slice(11)}`, // not base64
      Buffer.concat([Buffer.from('XX'), raw.subarray(2)]).toString('base64'), // unknown algorithm
      `comment without prefix\n${line}`,
      `untrusted comment: a\n${line}\n${line}`,
    ];
    for (const text of bad)
      expect(() => parseMinisignPublicKey(text), text).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

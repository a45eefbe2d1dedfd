import { describe, expect, it } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  generateRecoveryCode,
  normalizeRecoveryCode,
} from '../../../../main/vault/keys/recovery-code';

describe('vault/keys/recovery-code/generateRecoveryCode', () => {
  it('makes six dash-separated groups of five Crockford symbols', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
    expect(code).not.toMatch(/[ILOU]/);
  });

  it('carries at least 128 bits: 30 symbols of 5 bits, all symbols in use, no repeats', () => {
    expect(30 * Math.log2(CROCKFORD_ALPHABET.length)).toBeGreaterThanOrEqual(128);
    const codes = Array.from({ length: 2000 }, () => generateRecoveryCode());
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const ch of codes.join('').replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 60 000 symbols: each should appear about 1875 times; a biased generator would be far off.
    for (const n of counts.values()) expect(Math.abs(n - 1875)).toBeLessThan(300);
  });
});

describe('vault/keys/recovery-code/normalizeRecoveryCode', () => {
  it('returns a generated code unchanged', () => {
    const code = generateRecoveryCode();
    expect(normalizeRecoveryCode(code)).toBe(code);
  });

  it('ignores case, spaces and dashes and maps O→0, I/L→1', () => {
    const code = '01ABC-DEFGH-JKMNP-QRSTV-WXYZ0-12345';
    expect(normalizeRecoveryCode('oiabc defgh jkmnp qrstv wxyzo 12345')).toBe(code);
    expect(normalizeRecoveryCode('  0LAbcDEFGHjkmnpQRSTVwxyz0-1-2-3-4-5\n')).toBe(code);
  });

  it('refuses a wrong length with a helpful message', () => {
    expect(() => normalizeRecoveryCode('01ABC-DEFGH-JKMNP-QRSTV-WXYZ0')).toThrow(
      /30 letters and digits.*25 were entered/,
    );
    expect(() => normalizeRecoveryCode('01ABC-DEFGH-JKMNP-QRSTV-WXYZ0-12345-6')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => normalizeRecoveryCode('x'.repeat(1000))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('refuses characters that never appear in codes', () => {
    expect(() => normalizeRecoveryCode('U1ABC-DEFGH-JKMNP-QRSTV-WXYZ0-12345')).toThrow(/"U"/);
    expect(() => normalizeRecoveryCode('é1ABC-DEFGH-JKMNP-QRSTV-WXYZ0-12345')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

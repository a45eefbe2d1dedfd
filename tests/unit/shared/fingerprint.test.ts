import { describe, expect, it } from 'vitest';
import { normalizeFingerprint, sameFingerprint } from '../../../shared/fingerprint';

const FP = '7K3M 0QPZ 1ABC DEFG HJKM NPQR';

describe('shared/fingerprint', () => {
  it('reads a fingerprint as typed or heard: case, spaces, dashes and Crockford look-alikes do not matter', () => {
    expect(normalizeFingerprint('7k3m0qpz1abcdefghjkmnpqr')).toBe(FP);
    expect(normalizeFingerprint(' 7K3M-OQPZ-iABC DEFG HJKM NPQR ')).toBe(FP);
    expect(sameFingerprint('7k3m oqpz labc defg hjkm npqr', FP)).toBe(true);
  });

  it('never takes a near fingerprint, a part of one or nothing for the fingerprint', () => {
    expect(sameFingerprint('7K3M 0QPZ 1ABC DEFG HJKM NPQS', FP)).toBe(false);
    expect(sameFingerprint('7K3M 0QPZ 1ABC DEFG HJKM', FP)).toBe(false);
    expect(sameFingerprint(`${FP} 0`, FP)).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { loadSodium, wipe } from '../../../main/crypto/sodium';

describe('crypto/sodium', () => {
  it('loads libsodium with Argon2id available', async () => {
    const sodium = await loadSodium();
    expect(typeof sodium.crypto_pwhash).toBe('function');
    expect(sodium.crypto_pwhash_ALG_ARGON2ID13).toBe(2);
  });

  it('wipe zeroes every buffer given', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([4, 5]);
    wipe(a, undefined, b);
    expect([...a, ...b]).toEqual([0, 0, 0, 0, 0]);
  });
});

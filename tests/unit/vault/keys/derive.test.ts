import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../main/crypto/sodium';
import {
  deriveBlobIdentitySecret,
  deriveSqlcipherKey,
  generateMasterKey,
  generateSigningSeed,
  signingKeyPairFromSeed,
} from '../../../../main/vault/keys/derive';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** RFC 5869 HKDF-SHA256 for one 32-byte block, written out independently of node:crypto's hkdf. */
function referenceHkdf(ikm: Uint8Array, info: string): string {
  const prk = createHmac('sha256', Buffer.alloc(32)).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
    .digest('hex');
}

describe('vault/keys/derive/generateMasterKey', () => {
  it('returns 32 fresh random bytes each time', () => {
    const a = generateMasterKey();
    const b = generateMasterKey();
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a.length).toBe(32);
    expect(hex(a)).not.toBe(hex(b));
    expect(generateSigningSeed().length).toBe(32);
  });
});

describe('vault/keys/derive/deriveSqlcipherKey', () => {
  it('is HKDF-SHA256 with empty salt and info "vigil/v1/sqlcipher"', () => {
    const mk = new Uint8Array(32).fill(7);
    expect(hex(deriveSqlcipherKey(mk))).toBe(referenceHkdf(mk, 'vigil/v1/sqlcipher'));
  });

  it('refuses a key of the wrong size', () => {
    expect(() => deriveSqlcipherKey(new Uint8Array(16))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('vault/keys/derive/deriveBlobIdentitySecret', () => {
  it('is HKDF-SHA256 with info "vigil/v1/blob-identity", distinct from the database key', () => {
    const mk = generateMasterKey();
    const blob = deriveBlobIdentitySecret(mk);
    expect(hex(blob)).toBe(referenceHkdf(mk, 'vigil/v1/blob-identity'));
    expect(hex(blob)).not.toBe(hex(deriveSqlcipherKey(mk)));
  });
});

describe('vault/keys/derive/signingKeyPairFromSeed', () => {
  it('gives a deterministic Ed25519 pair that signs and verifies', async () => {
    const sodium = await loadSodium();
    const seed = generateSigningSeed();
    const a = await signingKeyPairFromSeed(seed);
    const b = await signingKeyPairFromSeed(seed);
    expect(a.publicKey.length).toBe(32);
    expect(a.secretKey.length).toBe(64);
    expect(hex(a.publicKey)).toBe(hex(b.publicKey));
    const sig = sodium.crypto_sign_detached(new Uint8Array([1, 2, 3]), a.secretKey);
    expect(sodium.crypto_sign_verify_detached(sig, new Uint8Array([1, 2, 3]), a.publicKey)).toBe(true);
    expect(sodium.crypto_sign_verify_detached(sig, new Uint8Array([1, 2, 4]), a.publicKey)).toBe(false);
  });

  it('refuses a seed of the wrong size', async () => {
    await expect(signingKeyPairFromSeed(new Uint8Array(31))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

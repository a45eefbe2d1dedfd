import * as node from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../main/crypto/sodium';
import * as page from '../../../../main/packages/verify-page/browser/node-crypto';
import pageSodium from '../../../../main/packages/verify-page/browser/sodium';

const data = node.randomBytes(100_003);
const key = node.randomBytes(32);
const nonce = node.randomBytes(12);

function scryptNode(pass: Buffer, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    node.scrypt(pass, salt, 32, { N: 1024, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

describe('verify-page/node-crypto (the page stand-in, checked against Node)', () => {
  it('hashes as Node does, incrementally and at once', () => {
    for (const alg of ['sha256', 'sha512', 'blake2b512']) {
      const want = node.createHash(alg).update(data.subarray(0, 7)).update(data.subarray(7)).digest('hex');
      expect(page.createHash(alg).update(data.subarray(0, 7)).update(data.subarray(7)).digest('hex')).toBe(want);
      expect(page.hash(alg, data, 'hex')).toBe(want);
    }
    expect(page.createHash('sha256').update('text é', 'utf8').digest('base64')).toBe(
      node.createHash('sha256').update('text é', 'utf8').digest('base64'),
    );
    expect(() => page.createHash('md5')).toThrow(/not available/);
  });

  it('computes HMAC and HKDF as Node does', () => {
    expect(page.createHmac('sha256', key).update(data).digest('hex')).toBe(
      node.createHmac('sha256', key).update(data).digest('hex'),
    );
    expect(Buffer.from(page.hkdfSync('sha256', key, nonce, 'payload', 32))).toEqual(
      Buffer.from(node.hkdfSync('sha256', key, nonce, 'payload', 32)),
    );
  });

  it('seals and opens ChaCha20-Poly1305 as Node does, and refuses a changed byte', () => {
    const c = node.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    const sealed = Buffer.concat([c.update(data.subarray(0, 500)), c.update(data.subarray(500)), c.final()]);
    const tag = c.getAuthTag();
    const p = page.createCipheriv('chacha20-poly1305', key, nonce);
    const mine = Buffer.concat([
      p.update(data.subarray(0, 500)),
      p.update(data.subarray(500)),
      p.final(),
      p.getAuthTag(),
    ]);
    expect(mine).toEqual(Buffer.concat([sealed, tag]));
    const d = page.createDecipheriv('chacha20-poly1305', key, nonce).setAuthTag(tag);
    const plain = d.update(sealed);
    d.final();
    expect(plain).toEqual(data);
    const bad = Buffer.from(sealed);
    bad[9] = (bad[9] ?? 0) ^ 1;
    const d2 = page.createDecipheriv('chacha20-poly1305', key, nonce).setAuthTag(tag);
    d2.update(bad);
    expect(() => d2.final()).toThrow();
  });

  it('agrees on X25519 keys and shared secrets, and throws on the all-zero result', () => {
    const a = node.generateKeyPairSync('x25519');
    const b = node.generateKeyPairSync('x25519');
    const d = a.privateKey.export({ format: 'jwk' }).d ?? '';
    const x = b.publicKey.export({ format: 'jwk' }).x ?? '';
    const priv = page.createPrivateKey({ key: { d } });
    expect(page.createPublicKey(priv).export({ format: 'jwk' }).x).toBe(a.publicKey.export({ format: 'jwk' }).x);
    expect(page.diffieHellman({ privateKey: priv, publicKey: page.createPublicKey({ key: { x } }) })).toEqual(
      node.diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey }),
    );
    expect(() =>
      page.diffieHellman({
        privateKey: priv,
        publicKey: page.createPublicKey({ key: { x: Buffer.alloc(32).toString('base64url') } }),
      }),
    ).toThrow();
  });

  it('derives scrypt keys as Node does', async () => {
    const salt = node.randomBytes(16);
    const mine = await new Promise<Buffer>((resolve, reject) =>
      page.scrypt(Buffer.from('a passphrase'), salt, 32, { N: 1024, r: 8, p: 1 }, (e, k) =>
        e ? reject(e) : resolve(k),
      ),
    );
    expect(mine).toEqual(await scryptNode(Buffer.from('a passphrase'), salt));
  });

  it('verifies Ed25519 as libsodium does (strict) and hashes BLAKE2b as generichash', async () => {
    const sodium = await loadSodium();
    const kp = sodium.crypto_sign_keypair();
    const sig = sodium.crypto_sign_detached(data, kp.privateKey);
    expect(pageSodium.crypto_sign_verify_detached(sig, data, kp.publicKey)).toBe(true);
    const bad = Uint8Array.from(sig);
    bad[3] = (bad[3] ?? 0) ^ 1;
    expect(pageSodium.crypto_sign_verify_detached(bad, data, kp.publicKey)).toBe(
      sodium.crypto_sign_verify_detached(bad, data, kp.publicKey),
    );
    expect(pageSodium.crypto_sign_verify_detached(sig, data.subarray(1), kp.publicKey)).toBe(false);
    // A non-canonical S (S + L) is refused by libsodium; the page must refuse it too.
    const s = Buffer.from(sig.subarray(32));
    let carry = 0;
    const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');
    for (let i = 0; i < 32; i++) {
      const v = (s[i] ?? 0) + (L[i] ?? 0) + carry;
      s[i] = v & 0xff;
      carry = v >> 8;
    }
    const malleated = Buffer.concat([sig.subarray(0, 32), s]);
    expect(pageSodium.crypto_sign_verify_detached(malleated, data, kp.publicKey)).toBe(
      sodium.crypto_sign_verify_detached(malleated, data, kp.publicKey),
    );
    expect(Buffer.from(pageSodium.crypto_generichash(32, data, null))).toEqual(
      Buffer.from(sodium.crypto_generichash(32, data, null)),
    );
  });
});

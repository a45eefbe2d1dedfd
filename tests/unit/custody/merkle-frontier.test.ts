import { describe, expect, it } from 'vitest';
import { MerkleFrontier } from '../../../main/custody/merkle-frontier';
import { EMPTY_ROOT, leafHash, merkleRoot } from '../../../main/custody/merkle';
import { isVigilError } from '../../../shared/errors';

const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

function corruptCode(bytes: Uint8Array): string | undefined {
  try {
    MerkleFrontier.deserialize(bytes);
  } catch (e) {
    return isVigilError(e) ? e.code : 'other';
  }
  return undefined;
}

describe('custody/merkle-frontier/MerkleFrontier', () => {
  it('has the root of merkleRoot at every size 0..300', () => {
    const f = MerkleFrontier.empty();
    expect(f.root().equals(EMPTY_ROOT)).toBe(true);
    for (let n = 1; n <= 300; n++) {
      f.append(leaves[n - 1] as Buffer);
      expect(f.size).toBe(n);
      expect(f.root().toString('hex'), `size ${n}`).toBe(merkleRoot(leaves.slice(0, n)).toString('hex'));
    }
  });

  it('survives serialize/deserialize at every size and keeps appending correctly', () => {
    const f = MerkleFrontier.empty();
    for (let n = 0; n < 300; n++) {
      const copy = MerkleFrontier.deserialize(f.serialize());
      expect(copy.size).toBe(n);
      expect(copy.root().equals(f.root()), `size ${n}`).toBe(true);
      copy.append(leaves[n] as Buffer);
      expect(copy.root().equals(merkleRoot(leaves.slice(0, n + 1))), `size ${n} + 1`).toBe(true);
      f.append(leaves[n] as Buffer);
    }
  });

  it('does not alias the leaves it is given, and clones are independent', () => {
    const f = MerkleFrontier.empty();
    const leaf = Buffer.from(leaves[0] as Buffer);
    f.append(leaf);
    leaf.fill(0);
    expect(f.root().equals(leaves[0] as Buffer)).toBe(true);
    const c = f.clone();
    c.append(leaves[1] as Buffer);
    expect(f.size).toBe(1);
    expect(c.root().equals(merkleRoot(leaves.slice(0, 2)))).toBe(true);
  });

  it('refuses a leaf that is not 32 bytes', () => {
    expect(() => MerkleFrontier.empty().append(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('refuses damaged serialized bytes with VAULT_CORRUPT', () => {
    const f = MerkleFrontier.empty();
    leaves.slice(0, 11).forEach((l) => f.append(l)); // 11 = 0b1011: three peaks
    const good = f.serialize();
    expect(good.length).toBe(9 + 3 * 32);
    expect(corruptCode(good)).toBeUndefined();
    expect(corruptCode(good.subarray(0, good.length - 1))).toBe('VAULT_CORRUPT'); // truncated
    expect(corruptCode(Buffer.concat([good, Buffer.alloc(32)]))).toBe('VAULT_CORRUPT'); // extra peak
    const wrongVersion = Buffer.from(good);
    wrongVersion[0] = 2;
    expect(corruptCode(wrongVersion)).toBe('VAULT_CORRUPT');
    const wrongSize = Buffer.from(good);
    wrongSize.writeBigUInt64BE(12n, 1); // 0b1100: two peaks expected
    expect(corruptCode(wrongSize)).toBe('VAULT_CORRUPT');
    const huge = Buffer.from(good);
    huge.writeBigUInt64BE(2n ** 63n, 1);
    expect(corruptCode(huge)).toBe('VAULT_CORRUPT');
    expect(corruptCode(new Uint8Array(3))).toBe('VAULT_CORRUPT');
  });

  it('appends 100,000 leaves and gives the same root as merkleRoot', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => leafHash(Buffer.from([i & 255, i >> 8, i >> 16])));
    const f = MerkleFrontier.empty();
    big.forEach((l) => f.append(l));
    expect(f.root().equals(merkleRoot(big))).toBe(true);
  });
});

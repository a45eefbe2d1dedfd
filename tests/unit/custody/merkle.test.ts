import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  MerkleTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from '../../../main/custody/merkle';

// Naive RFC 9162 §2.1 definitions, straight from the text, as the reference.
const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  parts.forEach((p) => h.update(p));
  return h.digest();
};
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
function refRoot(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return d[0] as Buffer;
  const s = k(d.length);
  return sha(Buffer.from([1]), refRoot(d.slice(0, s)), refRoot(d.slice(s)));
}
function refPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const s = k(d.length);
  return m < s
    ? [...refPath(m, d.slice(0, s)), refRoot(d.slice(s))]
    : [...refPath(m - s, d.slice(s)), refRoot(d.slice(0, s))];
}
function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [refRoot(d)];
  const s = k(d.length);
  return m <= s
    ? [...refSubproof(m, d.slice(0, s), b), refRoot(d.slice(s))]
    : [...refSubproof(m - s, d.slice(s), false), refRoot(d.slice(0, s))];
}

// Leaves of the reference data are leaf hashes (already 0x00-prefixed).
const leaves = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const flip = (proof: Buffer[], at: number): Buffer[] =>
  proof.map((p, i) => {
    if (i !== at) return p;
    const c = Buffer.from(p);
    c[7] = (c[7] ?? 0) ^ 0x40;
    return c;
  });

// RFC 6962 test vectors (Certificate Transparency), as data.
const CT_DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('custody/merkle/leafHash', () => {
  it('prefixes 0x00 and nodeHash prefixes 0x01', () => {
    expect(hex(leafHash(Buffer.from('ab')))).toBe(hex(sha(Buffer.from([0]), Buffer.from('ab'))));
    const [a, b] = leaves(2) as [Buffer, Buffer];
    expect(hex(nodeHash(a, b))).toBe(hex(sha(Buffer.from([1]), a, b)));
    expect(hex(nodeHash(a.subarray(0, 5), b))).toBe(hex(sha(Buffer.from([1]), a.subarray(0, 5), b)));
  });
});

describe('custody/merkle/merkleRoot', () => {
  it('matches the RFC 6962 test vectors', () => {
    const hashes = CT_DATA.map(leafHash);
    for (let n = 0; n <= 8; n++) expect(hex(merkleRoot(hashes.slice(0, n)))).toBe(CT_ROOTS[n]);
    expect(hex(EMPTY_ROOT)).toBe(CT_ROOTS[0]);
  });

  it('matches the naive recursive definition for every size 0..70', () => {
    const all = leaves(70);
    for (let n = 0; n <= 70; n++) {
      const want = hex(refRoot(all.slice(0, n)));
      expect(hex(merkleRoot(all.slice(0, n))), `size ${n}`).toBe(want);
      expect(hex(MerkleTree.from(all, n).root()), `tree size ${n}`).toBe(want);
    }
  });

  it('does not alter its input and depends on every leaf', () => {
    const all = leaves(13);
    const before = all.map(hex);
    const root = merkleRoot(all);
    expect(all.map(hex)).toEqual(before);
    for (let i = 0; i < all.length; i++) {
      const changed = all.slice();
      changed[i] = leafHash(Buffer.from('other'));
      expect(merkleRoot(changed).equals(root)).toBe(false);
    }
  });
});

describe('custody/merkle/inclusionProof', () => {
  it('matches the RFC 6962 test vectors', () => {
    const hashes = CT_DATA.map(leafHash);
    expect(inclusionProof(hashes, 0, 8).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(hashes, 5, 8).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('refuses an index or size outside the tree', () => {
    expect(() => inclusionProof(leaves(4), 4)).toThrow(/Leaf index/);
    expect(() => inclusionProof(leaves(4), 0, 5)).toThrow(/Tree size/);
    expect(() => inclusionProof(leaves(4), -1)).toThrow();
  });
});

describe('custody/merkle/verifyInclusion', () => {
  const sizes = [...Array.from({ length: 34 }, (_, i) => i + 1), 63, 64, 65, 100];
  const all = leaves(100);

  it('accepts the proof of every leaf for many tree sizes, equal to the reference PATH', () => {
    for (const n of sizes) {
      const root = merkleRoot(all.slice(0, n));
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(all, i, n);
        expect(proof.map(hex), `PATH(${i}, ${n})`).toEqual(refPath(i, all.slice(0, n)).map(hex));
        expect(verifyInclusion(all[i] as Buffer, i, n, proof, root), `leaf ${i} of ${n}`).toBe(true);
      }
    }
  });

  it(
    'rejects every mutation: flipped byte, wrong index, wrong ' + 'size, dropped or extra element, wrong leaf or root',
    () => {
      for (const n of sizes) {
        const root = merkleRoot(all.slice(0, n));
        for (let i = 0; i < n; i++) {
          const leaf = all[i] as Buffer;
          const proof = inclusionProof(all, i, n);
          const at = `leaf ${i} of ${n}`;
          for (let j = 0; j < proof.length; j++)
            expect(verifyInclusion(leaf, i, n, flip(proof, j), root), `${at} flip ${j}`).toBe(false);
          if (i > 0) expect(verifyInclusion(leaf, i - 1, n, proof, root), `${at} index-1`).toBe(false);
          expect(verifyInclusion(leaf, i + 1, n, proof, root), `${at} index+1`).toBe(false);
          // A wrong size is checked against that size's own root, as a signed checkpoint pairs them.
          for (const m of [n - 1, n + 1]) {
            if (m > i && m <= all.length)
              expect(verifyInclusion(leaf, i, m, proof, merkleRoot(all.slice(0, m))), `${at} size ${m}`).toBe(false);
          }
          if (proof.length > 0) {
            expect(verifyInclusion(leaf, i, n, proof.slice(0, -1), root), `${at} drop last`).toBe(false);
            expect(verifyInclusion(leaf, i, n, proof.slice(1), root), `${at} drop first`).toBe(false);
          }
          expect(verifyInclusion(leaf, i, n, [...proof, leaf], root), `${at} extra`).toBe(false);
          expect(verifyInclusion(all[(i + 1) % 100] as Buffer, i, n, proof, root), `${at} other leaf`).toBe(false);
          expect(verifyInclusion(leaf, i, n, proof, flip([root], 0)[0] as Buffer), `${at} wrong root`).toBe(false);
        }
      }
    },
  );

  // Documents RFC 9162 behaviour the callers must respect: a root does not commit to its size,
  // so size and root must always come together from one signed checkpoint.
  it('accepts a proof under a different size with the same root when the path shape is identical', () => {
    const proof = inclusionProof(all, 0, 5);
    expect(verifyInclusion(all[0] as Buffer, 0, 6, proof, merkleRoot(all.slice(0, 5)))).toBe(true);
    expect(verifyInclusion(all[0] as Buffer, 0, 6, proof, merkleRoot(all.slice(0, 6)))).toBe(false);
  });

  it('rejects impossible arguments instead of throwing', () => {
    const [a] = leaves(1) as [Buffer];
    expect(verifyInclusion(a, 0, 1, [], a)).toBe(true);
    expect(verifyInclusion(a, 1, 1, [], a)).toBe(false);
    expect(verifyInclusion(a, 0, 0, [], a)).toBe(false);
    expect(verifyInclusion(a, -1, 1, [], a)).toBe(false);
    expect(verifyInclusion(a, 0.5, 1, [], a)).toBe(false);
    expect(verifyInclusion(a.subarray(1), 0, 1, [], a.subarray(1))).toBe(false);
    expect(verifyInclusion(a, 0, 2, [a.subarray(1)], a)).toBe(false);
  });
});

describe('custody/merkle/consistencyProof', () => {
  it('matches the RFC 6962 test vector for 2 → 5', () => {
    const hashes = CT_DATA.map(leafHash);
    expect(consistencyProof(hashes, 2, 5).map(hex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('is empty from size 0 and between equal sizes, and refuses an old size beyond the new', () => {
    const all = leaves(9);
    expect(consistencyProof(all, 0)).toEqual([]);
    expect(consistencyProof(all, 9)).toEqual([]);
    expect(() => consistencyProof(all, 10)).toThrow(/Old tree size/);
    expect(() => consistencyProof(all, 3, 10)).toThrow(/Tree size/);
  });
});

describe('custody/merkle/verifyConsistency', () => {
  const all = leaves(40);
  const roots = Array.from({ length: 41 }, (_, n) => merkleRoot(all.slice(0, n)));
  const root = (n: number): Buffer => roots[n] as Buffer;

  it('accepts the proof for every pair 1 ≤ m ≤ n ≤ 40, equal to the reference SUBPROOF', () => {
    for (let n = 1; n <= 40; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(all, m, n);
        const want = m === n ? [] : refSubproof(m, all.slice(0, n), true);
        expect(proof.map(hex), `PROOF(${m}, ${n})`).toEqual(want.map(hex));
        expect(verifyConsistency(m, n, root(m), root(n), proof), `${m} → ${n}`).toBe(true);
      }
      // As transparency-dev/merkle decides: a proof from the empty tree proves nothing and is refused.
      expect(verifyConsistency(0, n, EMPTY_ROOT, root(n), []), `0 → ${n}`).toBe(false);
    }
  });

  it('rejects every mutation: flipped byte, wrong sizes, dropped or extra element, swapped roots', () => {
    for (let n = 2; n <= 40; n++) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(all, m, n);
        const at = `${m} → ${n}`;
        for (let j = 0; j < proof.length; j++)
          expect(verifyConsistency(m, n, root(m), root(n), flip(proof, j)), `${at} flip ${j}`).toBe(false);
        // Wrong sizes are checked against their own roots, as checkpoints pair size and root.
        if (m > 1) expect(verifyConsistency(m - 1, n, root(m - 1), root(n), proof), `${at} old-1`).toBe(false);
        if (m + 1 < n) expect(verifyConsistency(m + 1, n, root(m + 1), root(n), proof), `${at} old+1`).toBe(false);
        expect(verifyConsistency(m, n - 1, root(m), root(n - 1), proof), `${at} new-1`).toBe(false);
        if (n < 40) expect(verifyConsistency(m, n + 1, root(m), root(n + 1), proof), `${at} new+1`).toBe(false);
        expect(verifyConsistency(m, n, root(m), root(n), proof.slice(0, -1)), `${at} drop last`).toBe(false);
        expect(verifyConsistency(m, n, root(m), root(n), proof.slice(1)), `${at} drop first`).toBe(false);
        expect(verifyConsistency(m, n, root(m), root(n), [...proof, root(1)]), `${at} extra`).toBe(false);
        expect(verifyConsistency(m, n, root(n), root(m), proof), `${at} swapped roots`).toBe(false);
        expect(verifyConsistency(n, m, root(n), root(m), proof), `${at} swapped sizes`).toBe(false);
      }
    }
  });

  it('handles the degenerate cases strictly', () => {
    expect(verifyConsistency(5, 5, root(5), root(5), [])).toBe(true);
    expect(verifyConsistency(5, 5, root(5), root(6), [])).toBe(false);
    expect(verifyConsistency(5, 5, root(5), root(5), [root(1)])).toBe(false);
    expect(verifyConsistency(0, 5, root(1), root(5), [])).toBe(false);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root(5), [root(1)])).toBe(false);
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(false);
    expect(verifyConsistency(3, 5, root(3), root(5), [])).toBe(false);
    expect(verifyConsistency(-1, 5, root(3), root(5), [])).toBe(false);
  });
});

import { createHash, hash } from 'node:crypto';

/** SHA-256 digest length; every Merkle node is this long. */
export const HASH_BYTES = 32;

/** MTH of the empty tree (RFC 9162 §2.1.1): SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = hash('sha256', Buffer.alloc(0), 'buffer');

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

// Roots of large trees hash millions of 65-byte inputs; reusing one buffer avoids an
// allocation per node, which is most of the cost at this size. Safe: single-threaded and synchronous.
const scratch = Buffer.alloc(1 + 2 * HASH_BYTES);
scratch[0] = 0x01;

// Leaves are custody entries of a few hundred bytes; copying them behind a 0x00 in a reused buffer
// and hashing once is about twice as fast as a streaming hash object per leaf.
let leafScratch = Buffer.alloc(4096);

/** RFC 9162 leaf hash: SHA-256(0x00 ‖ bytes). */
export function leafHash(canonical: Uint8Array): Buffer {
  if (canonical.byteLength >= 1 << 20) return createHash('sha256').update(LEAF_PREFIX).update(canonical).digest();
  if (canonical.byteLength + 1 > leafScratch.length)
    leafScratch = Buffer.alloc(2 ** Math.ceil(Math.log2(canonical.byteLength + 1)));
  leafScratch[0] = 0x00;
  leafScratch.set(canonical, 1);
  return hash('sha256', leafScratch.subarray(0, canonical.byteLength + 1), 'buffer');
}

/** RFC 9162 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.byteLength === HASH_BYTES && right.byteLength === HASH_BYTES) {
    scratch.set(left, 1);
    scratch.set(right, 1 + HASH_BYTES);
    return hash('sha256', scratch, 'buffer');
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Largest power of two strictly below n (n ≥ 2): the RFC 9162 split point. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when n is a positive integer power of two (arithmetic, so sizes beyond 2^31 work). */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}

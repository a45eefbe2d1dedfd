import { VigilError } from '../../shared/errors';
import { EMPTY_ROOT, nodeHash, splitPoint } from './merkle-hash';

export { EMPTY_ROOT, leafHash, nodeHash } from './merkle-hash';
export { verifyConsistency, verifyInclusion } from './merkle-verify';
export { MerkleFrontier } from './merkle-frontier';

function checkSize(what: string, value: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new VigilError('INVALID_INPUT', `${what} must be a whole number from 0 to ${max}, got ${value}.`);
  }
}

/**
 * Every level of the tree over the first `size` leaves, built bottom-up once.
 * A lone last node is carried up unchanged, which yields exactly the RFC 9162
 * left-balanced tree: node j of level h covers leaves [j·2^h, min((j+1)·2^h, size)).
 */
export class MerkleTree {
  private constructor(private readonly levels: readonly (readonly Uint8Array[])[]) {}

  /** Builds the tree over the first `size` leaf hashes (default: all of them). */
  static from(leafHashes: readonly Uint8Array[], size = leafHashes.length): MerkleTree {
    checkSize('Tree size', size, leafHashes.length);
    let level: readonly Uint8Array[] = size === leafHashes.length ? leafHashes : leafHashes.slice(0, size);
    const levels = [level];
    while (level.length > 1) {
      const next: Uint8Array[] = new Array<Uint8Array>(Math.ceil(level.length / 2));
      for (let i = 0; i + 1 < level.length; i += 2)
        next[i / 2] = nodeHash(level[i] as Uint8Array, level[i + 1] as Uint8Array);
      if (level.length % 2 === 1) next[next.length - 1] = level[level.length - 1] as Uint8Array;
      level = next;
      levels.push(level);
    }
    return new MerkleTree(levels);
  }

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]?.length ?? 0;
  }

  /** MTH of the whole tree. */
  root(): Buffer {
    if (this.size === 0) return Buffer.from(EMPTY_ROOT);
    return Buffer.from(this.node(0, this.size));
  }

  /** RFC 9162 §2.1.3.1 inclusion proof of leaf `index`, deepest sibling first. */
  inclusionProof(index: number): Buffer[] {
    checkSize('Leaf index', index, this.size - 1);
    const proof: Buffer[] = [];
    let j = index;
    for (let h = 0; h + 1 < this.levels.length; h++) {
      const level = this.levels[h] ?? [];
      const sibling = j % 2 === 1 ? j - 1 : j + 1;
      const node = level[sibling];
      if (node) proof.push(Buffer.from(node)); // absent: this node was carried up alone
      j = Math.floor(j / 2);
    }
    return proof;
  }

  /** RFC 9162 §2.1.4.1 consistency proof from the tree of `oldSize` leaves to this one. */
  consistencyProof(oldSize: number): Buffer[] {
    checkSize('Old tree size', oldSize, this.size);
    if (oldSize === 0 || oldSize === this.size) return [];
    const proof: Buffer[] = [];
    this.subproof(oldSize, 0, this.size, true, proof);
    return proof;
  }

  // SUBPROOF(m, D[start:end], b) of RFC 9162, appending in the RFC's order.
  private subproof(m: number, start: number, end: number, complete: boolean, out: Buffer[]): void {
    const n = end - start;
    if (m === n) {
      if (!complete) out.push(Buffer.from(this.node(start, end)));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, start + k, complete, out);
      out.push(Buffer.from(this.node(start + k, end)));
    } else {
      this.subproof(m - k, start + k, end, false, out);
      out.push(Buffer.from(this.node(start, start + k)));
    }
  }

  // The stored hash of the subtree over leaves [start, end); only called for real nodes of the tree.
  private node(start: number, end: number): Uint8Array {
    let h = 0;
    while (2 ** h < end - start) h++;
    const found = this.levels[h]?.[start / 2 ** h];
    if (!found) throw new VigilError('INTERNAL', `No Merkle node covers leaves ${start}..${end}.`);
    return found;
  }
}

/** MTH (RFC 9162 §2.1.1) over the leaf hashes; the empty tree's root is SHA-256(""). */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return Buffer.from(EMPTY_ROOT);
  // Pairwise in place on a copy: n-1 hashes, no recursion and no per-level arrays.
  const work = leafHashes.slice();
  let len = work.length;
  while (len > 1) {
    let out = 0;
    for (let i = 0; i + 1 < len; i += 2) work[out++] = nodeHash(work[i] as Uint8Array, work[i + 1] as Uint8Array);
    if (len % 2 === 1) work[out++] = work[len - 1] as Uint8Array;
    len = out;
  }
  return Buffer.from(work[0] as Uint8Array);
}

/** RFC 9162 inclusion proof of leaf `index` in the tree of the first `treeSize` leaves. */
export function inclusionProof(
  leafHashes: readonly Uint8Array[],
  index: number,
  treeSize = leafHashes.length,
): Buffer[] {
  return MerkleTree.from(leafHashes, treeSize).inclusionProof(index);
}

/** RFC 9162 consistency proof between the trees of the first `oldSize` and `newSize` leaves. */
export function consistencyProof(
  leafHashes: readonly Uint8Array[],
  oldSize: number,
  newSize = leafHashes.length,
): Buffer[] {
  return MerkleTree.from(leafHashes, newSize).consistencyProof(oldSize);
}

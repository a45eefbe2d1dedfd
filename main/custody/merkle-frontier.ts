import { VigilError } from '../../shared/errors';
import { EMPTY_ROOT, HASH_BYTES, nodeHash } from './merkle-hash';

const FORMAT_VERSION = 1;
const HEADER_BYTES = 1 + 8;

function popcount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}

/**
 * The right edge of an RFC 9162 tree: one root per perfect subtree, largest first,
 * one for each set bit of the size. Enough to append and to compute the root in O(log n),
 * so the database never rereads the log to extend it.
 */
export class MerkleFrontier {
  private constructor(
    private count: number,
    private readonly peaks: Buffer[],
  ) {}

  /** The frontier of the empty tree. */
  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash (32 bytes). */
  append(leaf: Uint8Array): void {
    if (leaf.byteLength !== HASH_BYTES) {
      throw new VigilError('INVALID_INPUT', `A Merkle leaf hash must be ${HASH_BYTES} bytes, got ${leaf.byteLength}.`);
    }
    this.peaks.push(Buffer.from(leaf));
    // Each trailing 1 bit of the old size is a perfect subtree of the new leaf's height: merge them.
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) {
      const right = this.peaks.pop();
      const left = this.peaks.pop();
      if (!left || !right) throw new VigilError('INTERNAL', 'Merkle frontier is inconsistent with its size.');
      this.peaks.push(nodeHash(left, right));
    }
    this.count += 1;
  }

  /** MTH of the tree so far (SHA-256("") when empty). */
  root(): Buffer {
    let acc = this.peaks[this.peaks.length - 1];
    if (!acc) return Buffer.from(EMPTY_ROOT);
    for (let i = this.peaks.length - 2; i >= 0; i--) acc = nodeHash(this.peaks[i] as Buffer, acc);
    return Buffer.from(acc);
  }

  /** An independent copy (to keep a root at some size while appending continues). */
  clone(): MerkleFrontier {
    return new MerkleFrontier(
      this.count,
      this.peaks.map((p) => Buffer.from(p)),
    );
  }

  /** Bytes to store beside the log: version 1, size as uint64 big-endian, then the peaks largest first. */
  serialize(): Buffer {
    const out = Buffer.alloc(HEADER_BYTES + this.peaks.length * HASH_BYTES);
    out[0] = FORMAT_VERSION;
    out.writeBigUInt64BE(BigInt(this.count), 1);
    this.peaks.forEach((p, i) => p.copy(out, HEADER_BYTES + i * HASH_BYTES));
    return out;
  }

  /** Reads `serialize()` output; throws VAULT_CORRUPT when the bytes cannot be a frontier. */
  static deserialize(b: Uint8Array): MerkleFrontier {
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    if (buf.length < HEADER_BYTES || buf[0] !== FORMAT_VERSION) {
      throw new VigilError(
        'VAULT_CORRUPT',
        'The stored Merkle frontier is damaged or from an unknown version; rebuild it from the custody log.',
      );
    }
    const size = buf.readBigUInt64BE(1);
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new VigilError(
        'VAULT_CORRUPT',
        'The stored Merkle frontier has an impossible size; rebuild it from the custody log.',
      );
    }
    const count = Number(size);
    const expected = HEADER_BYTES + popcount(count) * HASH_BYTES;
    if (buf.length !== expected) {
      throw new VigilError(
        'VAULT_CORRUPT',
        `The stored Merkle frontier is ${buf.length} bytes where ${expected} were expected; rebuild it from ` +
          `the custody log.`,
      );
    }
    const peaks: Buffer[] = [];
    for (let off = HEADER_BYTES; off < buf.length; off += HASH_BYTES)
      peaks.push(Buffer.from(buf.subarray(off, off + HASH_BYTES)));
    return new MerkleFrontier(count, peaks);
  }
}

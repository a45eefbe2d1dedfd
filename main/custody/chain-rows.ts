/** One stored row: its key (the seq it is stored under), the canonical entry text and its base64 signature. */
export interface StoredEntry {
  seq: number;
  canonical: string;
  sig: string;
}

/** A one-row look-ahead over stored rows, so a skipped seq can be told apart from a swap. */
export class RowReader {
  private readonly it: Iterator<StoredEntry>;
  private ahead: IteratorResult<StoredEntry> | undefined;

  constructor(rows: Iterable<StoredEntry>) {
    this.it = rows[Symbol.iterator]();
  }

  /** The next row, or undefined at the end. */
  next(): StoredEntry | undefined {
    const r = this.ahead ?? this.it.next();
    this.ahead = undefined;
    return r.done ? undefined : r.value;
  }

  /** The row next() will return, without consuming it. */
  peek(): StoredEntry | undefined {
    this.ahead ??= this.it.next();
    return this.ahead.done ? undefined : this.ahead.value;
  }

  /** Releases the source early (a database cursor, say) when verification stops at a failure. */
  close(): void {
    this.it.return?.();
  }
}

/** The leaf hashes seen so far, packed into one growing buffer (32 bytes each, no per-leaf objects). */
export class LeafStore {
  private buf = Buffer.alloc(32 * 1024);
  private count = 0;

  /** Appends one 32-byte leaf hash. */
  push(leaf: Uint8Array): void {
    if ((this.count + 1) * 32 > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger);
      this.buf = bigger;
    }
    this.buf.set(leaf, this.count * 32);
    this.count += 1;
  }

  /** True when leaf `index` exists and equals `leaf`. */
  equals(index: number, leaf: Uint8Array): boolean {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.count) return false;
    return this.buf.subarray(index * 32, index * 32 + 32).equals(leaf);
  }
}

import { PassThrough, pipeline, type Readable } from 'node:stream';

/**
 * The chunks of a byte stream one by one, as they were pushed. A byte-mode Readable's own
 * iterator hands out everything buffered joined into a fresh copy; an object-mode
 * pass-through does not. A failure of `input` (also one that happened before this call)
 * reaches the reader; stopping early destroys `input`, as its own iterator would.
 */
export function chunkwise(input: Readable): Readable {
  const through = new PassThrough({ objectMode: true, highWaterMark: 16 });
  // The outcome is seen by whoever reads `through`: pipeline destroys it with the error.
  pipeline(input, through, () => undefined);
  return through;
}

/**
 * Pulls bytes from a stream on demand — exact-size reads for headers, chunked reads for
 * bodies — so a reader never holds more than one incoming chunk plus what it asked for.
 */
export class ByteSource {
  private readonly it: AsyncIterator<unknown>;
  private head: Buffer = Buffer.alloc(0);
  private ended = false;
  /** Bytes handed out so far: the offset of the next byte in the archive. */
  offset = 0;

  constructor(input: AsyncIterable<unknown>) {
    this.it = input[Symbol.asyncIterator]();
  }

  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.it.next();
    if (next.done === true) {
      this.ended = true;
      return false;
    }
    const value = next.value;
    const chunk = Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
    this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
    return true;
  }

  /** Exactly `n` bytes, or fewer only when the stream ended first. */
  async read(n: number): Promise<Buffer> {
    while (this.head.length < n && (await this.pull()));
    const out = this.head.subarray(0, n);
    this.head = this.head.subarray(out.length);
    this.offset += out.length;
    return out;
  }

  /** Up to `n` bytes as they arrive; stops early only at the end of the stream (check the sum). */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.head.length === 0 && !(await this.pull())) return;
      const out = this.head.subarray(0, Math.min(left, this.head.length));
      this.head = this.head.subarray(out.length);
      this.offset += out.length;
      left -= out.length;
      yield out;
    }
  }

  /** Skips `n` bytes; returns how many were actually there. */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    for await (const chunk of this.chunks(n)) skipped += chunk.length;
    return skipped;
  }

  /** Stops reading and lets the underlying stream release its resources. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.it.return?.();
  }
}

/**
 * A FIFO of bytes received in pieces. `take` hands out views of the pieces rather than
 * copies, so the streaming path moves each byte through memory once.
 */
export class ByteQueue {
  private parts: Buffer[] = [];
  private head = 0;
  /** Bytes queued. */
  length = 0;

  /** Appends a piece (kept by reference; callers must not reuse it). */
  push(buf: Buffer): void {
    if (buf.length === 0) return;
    this.parts.push(buf);
    this.length += buf.length;
  }

  /** Removes the first `n` bytes (n ≤ length) and returns them as views. */
  take(n: number): Buffer[] {
    const out: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const p = this.parts[this.head];
      if (!p) break;
      if (p.length <= need) {
        out.push(p);
        need -= p.length;
        this.parts[this.head] = Buffer.alloc(0);
        this.head++;
      } else {
        out.push(p.subarray(0, need));
        this.parts[this.head] = p.subarray(need);
        need = 0;
      }
    }
    this.length -= n - need;
    if (this.head > 64 && this.head * 2 > this.parts.length) {
      this.parts = this.parts.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  /** Replaces the queued views with one copy of their bytes, so the pieces pushed may be reused. */
  detach(): void {
    if (this.length === 0) return;
    const copy = Buffer.concat(this.parts.slice(this.head));
    this.parts = [copy];
    this.head = 0;
  }

  /** Removes the first `n` bytes as one buffer (copies only if they span pieces). */
  takeJoined(n: number): Buffer {
    const parts = this.take(n);
    return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
  }
}

/**
 * Flushes of a file started while it is still being written. The kernel otherwise keeps a large
 * write in memory until the final fsync, which then waits for all of it at once; a flush every
 * 64 MiB has the disk writing while the rest is encrypted.
 */
import { fdatasync, type WriteStream } from 'node:fs';

/** Written bytes after which the disk is asked to start flushing (fdatasync in the background). */
const EARLY_FLUSH_BYTES = 64 * 1024 * 1024;

/** Starts flushes of one file as it is written, one at a time; a failure is kept for the end. */
export class EarlyFlush {
  private sinceFlush = 0;
  private pending: Promise<void> = Promise.resolve();
  private busy = false;
  private error: Error | null = null;

  /** Counts `n` bytes written to `fd` (null: not open yet) and starts a flush when enough were written since the last. */
  wrote(fd: number | null, n: number): void {
    this.sinceFlush += n;
    if (this.sinceFlush < EARLY_FLUSH_BYTES || this.busy || fd === null) return;
    this.sinceFlush = 0;
    this.busy = true;
    this.pending = new Promise((resolve) => {
      fdatasync(fd, (err) => {
        this.error ??= err;
        this.busy = false;
        resolve();
      });
    });
  }

  /** Waits for the flush in progress (the file must not close under it); rejects if one failed. */
  async settle(): Promise<void> {
    await this.pending;
    if (this.error) throw this.error;
  }
}

/** Follows the file descriptor of a write stream: its number while the file is open, else null. */
export function openFdOf(out: WriteStream): () => number | null {
  let fd: number | null = null;
  out.once('open', (opened: number) => {
    fd = opened;
  });
  out.once('close', () => {
    fd = null;
  });
  return () => fd;
}

/**
 * The file a `sealBatches` job writes in the crypto worker (batch-sealing.ts): batches of
 * ciphertext go straight from the shared slot they arrive in to the file, hashed on the way,
 * with a blocking write. Blocking is what a worker thread is for here: once the write returns,
 * the kernel holds the bytes and the slot can be reused, so no copy of them is made and no
 * stream buffers them. The file is flushed to disk before it is closed. Hashing it is optional:
 * the vault's own objects need no digest of their ciphertext.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fdatasync, openSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { EarlyFlush } from '../fs/early-flush';

const datasync = promisify(fdatasync);

/** A new private file (created exclusively, 0600) being written with ciphertext. */
export class CiphertextFile {
  private readonly fd: number;
  private readonly hash: Hash | null;
  private bytes = 0;
  private readonly early = new EarlyFlush();
  private closed = false;

  /** Creates `file` (throws, with its system error code, when it cannot) and writes `prefix`; hashed unless `hashed` is false. */
  constructor(file: string, prefix: Uint8Array, hashed = true) {
    this.hash = hashed ? createHash('sha256') : null;
    this.fd = openSync(file, 'wx', 0o600);
    try {
      this.write(prefix);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /** Hashes and writes `bytes`; they may be reused once this returns. */
  write(bytes: Uint8Array): void {
    this.hash?.update(bytes);
    for (let off = 0; off < bytes.length;) off += writeSync(this.fd, bytes, off, bytes.length - off);
    this.bytes += bytes.length;
    this.early.wrote(this.fd, bytes.length);
  }

  /** Flushes the file to disk and closes it; the SHA-256 of its bytes (empty when not hashed) and their count. */
  async finish(): Promise<{ sha256: string; bytes: number }> {
    try {
      await this.early.settle();
      await datasync(this.fd);
    } finally {
      this.close();
    }
    return { sha256: this.hash?.digest('hex') ?? '', bytes: this.bytes };
  }

  /** Closes the file without flushing it (it is given up; the caller removes it). */
  async abandon(): Promise<void> {
    await this.early.settle().catch(() => undefined);
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

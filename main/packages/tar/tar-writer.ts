import type { Writable } from 'node:stream';
import { VigilError, isVigilError } from '../../../shared/errors';
import { BLOCK, encodeHeader, encodePaxRecords, needsPax, MAX_OCTAL_SIZE } from './tar-format';

const ZEROS = Buffer.alloc(2 * BLOCK);

function outputError(err: unknown): VigilError {
  if (isVigilError(err)) return err;
  if ((err as NodeJS.ErrnoException | null)?.code === 'ENOSPC') {
    return new VigilError(
      'DISK_FULL',
      'The disk is full; the package was not completed. Free some space and export again.',
      { cause: err },
    );
  }
  return new VigilError(
    'IO_ERROR',
    'Writing the package failed; it is incomplete. Check the destination and export again.',
    { cause: err },
  );
}

/** Waits until `out` wants more data; rejects if it fails, closes or the export is cancelled. */
function waitDrain(out: Writable, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err: unknown): void => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (err === null) resolve();
      else reject(outputError(err));
    };
    const onDrain = (): void => settle(null);
    const onError = (err: unknown): void => settle(err);
    const onClose = (): void => settle(new Error('the output closed early'));
    const onAbort = (): void => settle(cancelled());
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
    signal?.addEventListener('abort', onAbort);
  });
}

function cancelled(): VigilError {
  return new VigilError(
    'CANCELLED',
    'The export was cancelled; the partial package is not valid and should be deleted.',
  );
}

/**
 * Writes a ustar/PAX archive straight into a stream, honouring backpressure, so a package
 * of any size passes through with a few chunks in memory. Only files and directories.
 */
export class TarWriter {
  /** Archive bytes written so far. */
  bytes = 0;

  constructor(
    private readonly out: Writable,
    private readonly signal?: AbortSignal,
  ) {}

  private async write(buf: Buffer): Promise<void> {
    if (this.signal?.aborted) throw cancelled();
    if (this.out.destroyed || this.out.writableEnded) throw outputError(new Error('the output is closed'));
    this.bytes += buf.length;
    if (!this.out.write(buf)) await waitDrain(this.out, this.signal);
  }

  private async header(name: string, size: number, type: 'file' | 'directory', mtime: Date): Promise<void> {
    const mode = type === 'file' ? 0o644 : 0o755;
    if (needsPax(name, size)) {
      const records: [string, string][] = [['path', name]];
      if (size > MAX_OCTAL_SIZE) records.push(['size', String(size)]);
      const pax = encodePaxRecords(records);
      await this.write(encodeHeader({ name: 'PaxHeader/entry', size: pax.length, type: 'pax', mode: 0o644, mtime }));
      await this.write(pax);
      await this.pad(pax.length);
    }
    await this.write(encodeHeader({ name, size, type, mode, mtime }));
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest !== 0) await this.write(ZEROS.subarray(0, BLOCK - rest));
  }

  /** Adds a directory entry (mode 0755); `name` without the trailing slash. */
  async directory(name: string, mtime: Date): Promise<void> {
    await this.header(`${name}/`, 0, 'directory', mtime);
  }

  /**
   * Adds a file (mode 0644) whose body must be exactly `size` bytes: more or fewer aborts
   * with INVALID_INPUT, because the header is already written and the archive would lie.
   */
  async file(
    name: string,
    size: number,
    mtime: Date,
    body: AsyncIterable<Buffer> | Buffer[],
    onChunk?: (chunk: Buffer) => Promise<void> | undefined,
  ): Promise<void> {
    await this.header(name, size, 'file', mtime);
    let written = 0;
    for await (const chunk of body) {
      written += chunk.length;
      if (written > size) break;
      // A promise from onChunk means whoever hashes the bytes is behind: wait for it.
      const behind = onChunk?.(chunk);
      if (behind) await behind;
      await this.write(chunk);
    }
    if (written !== size) {
      throw new VigilError(
        'INVALID_INPUT',
        `${name} changed while it was being packed: ${size} bytes were declared but ` +
          `${written > size ? 'more' : written} were read. Export again.`,
      );
    }
    await this.pad(size);
  }

  /** Writes the end-of-archive marker, ends the stream and waits until it has taken everything. */
  async finish(): Promise<void> {
    await this.write(ZEROS);
    const out = this.out;
    await new Promise<void>((resolve, reject) => {
      out.once('error', (err) => reject(outputError(err)));
      out.end(() => resolve());
    });
  }
}

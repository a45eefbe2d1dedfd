/**
 * Reading a sealed package file for a long operation (verify, import): in 1 MiB pieces, with
 * progress in bytes of the file, and cancellation that fails the stream with CANCELLED.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { VigilError } from '../../../shared/errors';

/** Encrypted bytes read per system call. */
export const READ_BYTES = 1024 * 1024;

/** How a long package operation reports and is stopped. */
export interface PackageProgress {
  /** Bytes of the package file read so far, and the file's size. */
  onProgress?: (done: number, total: number) => void;
  /** When it fires, the operation stops with CANCELLED and keeps nothing. */
  signal?: AbortSignal;
}

/** The error a cancelled package operation ends with. */
export function cancelled(): VigilError {
  return new VigilError('CANCELLED', 'Cancelled: nothing of the package was kept.');
}

/**
 * The package file `file` of `size` bytes as a stream, reporting progress and stopping when `progress.signal` fires.
 */
export function readPackageFile(file: string, size: number, progress: PackageProgress = {}): Readable {
  const src = createReadStream(file, { highWaterMark: READ_BYTES });
  const { onProgress, signal } = progress;
  if (onProgress !== undefined) {
    let done = 0;
    src.on('data', (chunk: string | Buffer) => {
      done += chunk.length;
      onProgress(done, size);
    });
  }
  if (signal !== undefined) {
    const stop = (): void => {
      src.destroy(cancelled());
    };
    if (signal.aborted) stop();
    else {
      signal.addEventListener('abort', stop, { once: true });
      src.once('close', () => signal.removeEventListener('abort', stop));
    }
  }
  return src;
}

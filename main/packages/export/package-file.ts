import { access, open, unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import type { AgeRecipient } from '../../crypto/age';
import { errnoCode, toIoError } from '../../fs/atomic';
import type { CryptoWorker } from '../../workers/worker-client';
import { openSealed } from '../../workers/worker-seal';

/** A sealed file written under its temporary name, not yet published. */
export interface SealedTemp {
  tmp: string;
  sha256: string;
  bytes: number;
}

/** Refuses an existing destination: a package is never overwritten. */
export async function assertAbsent(file: string): Promise<void> {
  try {
    await access(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw toIoError(err, `checking ${file}`);
  }
  throw new VigilError(
    'INVALID_INPUT',
    `${file} already exists. Choose another file name; an existing package is never overwritten.`,
  );
}

/**
 * Runs `write` into an age encryption stream whose ciphertext goes, hashed on the way, to the
 * new private file `tmp` (wx, 0600; a temporary name beside the package), flushed to disk —
 * in `worker` when one is given, so that sealing runs on another core. Only ciphertext ever
 * reaches the disk. The file is removed on failure.
 */
export async function writeSealedTemp(
  tmp: string,
  recipients: AgeRecipient[],
  write: (plaintext: Writable) => Promise<void>,
  worker: CryptoWorker | null = null,
): Promise<SealedTemp> {
  try {
    const sealed = openSealed(worker, tmp, recipients);
    // The input fails when the sealing does (the disk filled under the worker, say): that failure is reported below,
    // through `done` and the writer; listening here keeps it from being an unhandled 'error' event, which would end
    // the process with the partial file left behind.
    sealed.input.on('error', () => undefined);
    // A writer that fails without ending the input would leave the sealing waiting for ever.
    const writing = write(sealed.input).catch((err: unknown) => {
      sealed.input.destroy();
      throw err;
    });
    const [written, done] = await Promise.allSettled([writing, sealed.done]);
    // A system error of the sealing (ENOSPC, EIO) is the cause when the writer then found its output closed.
    const sealingFailed = done.status === 'rejected' && errnoCode(done.reason) !== undefined;
    if (written.status === 'rejected' && !sealingFailed) throw written.reason;
    if (done.status === 'rejected') throw done.reason;
    return { tmp, sha256: done.value.sha256, bytes: done.value.bytes };
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw toIoError(err, 'writing the package');
  }
}

/** Writes a small new file exclusively (wx, 0600) and flushes it. */
export async function writeNewFile(file: string, data: string): Promise<void> {
  const handle = await open(file, 'wx', 0o600).catch((err: unknown) => {
    if (errnoCode(err) === 'EEXIST')
      throw new VigilError('INVALID_INPUT', `${file} already exists; it was not overwritten.`);
    throw toIoError(err, `creating ${file}`);
  });
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

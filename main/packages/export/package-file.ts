import { access, link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import type { AgeRecipient } from '../../crypto/age';
import { errnoCode, fsyncDir, tempPathFor, toIoError } from '../../fs/atomic';
import type { CryptoWorker } from '../workers/worker-client';
import { openSealed } from '../workers/worker-seal';

/** A sealed file written to a private temp name beside its destination, not yet published. */
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
  throw new VigilError('INVALID_INPUT', `${file} already exists. Choose another file name; an existing package is never overwritten.`);
}

/**
 * Runs `write` into an age encryption stream whose ciphertext goes, hashed on
 * the way, to a new private temp file (wx, 0600) beside `target`, flushed to
 * disk — in `worker` when one is given, so that sealing runs on another core.
 * Only ciphertext ever reaches the disk. The temp file is removed on failure.
 */
export async function writeSealedTemp(target: string, recipients: AgeRecipient[], write: (plaintext: Writable) => Promise<void>, worker: CryptoWorker | null = null): Promise<SealedTemp> {
  const tmp = tempPathFor(target);
  try {
    const sealed = openSealed(worker, tmp, recipients);
    // A writer that fails without ending the input would leave the sealing waiting for ever.
    const writing = write(sealed.input).catch((err: unknown) => {
      sealed.input.destroy();
      throw err;
    });
    const [written, done] = await Promise.allSettled([writing, sealed.done]);
    if (written.status === 'rejected') throw written.reason;
    if (done.status === 'rejected') throw done.reason;
    return { tmp, sha256: done.value.sha256, bytes: done.value.bytes };
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw toIoError(err, 'writing the package');
  }
}

/**
 * Gives the flushed temp file its final name without ever replacing an existing
 * file: a hard link fails when the name is taken; where links are unsupported
 * (FAT/exFAT drives) the name is checked, then renamed.
 */
export async function publishTemp(tmp: string, target: string): Promise<void> {
  try {
    await link(tmp, target);
    await unlink(tmp);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') throw new VigilError('INVALID_INPUT', `${target} appeared while the package was being written. Nothing was overwritten; choose another name.`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw toIoError(err, `naming ${target}`);
    await assertAbsent(target);
    await rename(tmp, target);
  }
  await fsyncDir(path.dirname(target));
}

/** Writes a small new file exclusively (wx, 0600) and flushes it. */
export async function writeNewFile(file: string, data: string): Promise<void> {
  const handle = await open(file, 'wx', 0o600).catch((err: unknown) => {
    if (errnoCode(err) === 'EEXIST') throw new VigilError('INVALID_INPUT', `${file} already exists; it was not overwritten.`);
    throw toIoError(err, `creating ${file}`);
  });
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

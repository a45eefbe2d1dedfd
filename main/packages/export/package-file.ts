import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VigilError } from '../../../shared/errors';
import { createAgeEncryptStream, type AgeRecipient } from '../../crypto/age';
import { errnoCode, fsyncDir, tempPathFor, toIoError } from '../../fs/atomic';

/** Ciphertext buffered ahead of the disk: writes go out in large batches (writev) while encryption goes on. */
const BUFFER_BYTES = 8 * 1024 * 1024;

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
 * disk. Only ciphertext ever reaches the disk. The temp file is removed on failure.
 */
export async function writeSealedTemp(target: string, recipients: AgeRecipient[], write: (plaintext: Writable) => Promise<void>): Promise<SealedTemp> {
  const tmp = tempPathFor(target);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    // flush: the file is fsynced before it is closed, and pipeline resolves only after the close.
    const file = createWriteStream(tmp, { flags: 'wx', mode: 0o600, flush: true, highWaterMark: BUFFER_BYTES });
    const enc = createAgeEncryptStream(recipients);
    const tap = new Transform({
      highWaterMark: BUFFER_BYTES,
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const [written, piped] = await Promise.allSettled([write(enc), pipeline(enc, tap, file)]);
    if (written.status === 'rejected') throw written.reason;
    if (piped.status === 'rejected') throw piped.reason;
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw toIoError(err, 'writing the package');
  }
  return { tmp, sha256: hash.digest('hex'), bytes };
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

/**
 * Writes a report file: whole or not at all, and never over an existing file
 * (a report is evidence of what was said on a day; a later one gets a new name).
 */
import { access, link, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { errnoCode, fsyncDir, linkUnsupported, tempPathFor, toIoError } from '../fs/atomic';

function exists(file: string): VigilError {
  return new VigilError(
    'INVALID_INPUT',
    `${file} already exists. Choose another file name; an existing report is never overwritten.`,
  );
}

/** Refuses a file that exists already (checked before any work, so a refusal leaves nothing behind). */
export async function assertNewFile(file: string): Promise<void> {
  try {
    await access(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw toIoError(err, `checking ${file}`);
  }
  throw exists(file);
}

async function writeFlushed(file: string, data: Buffer, flag: 'wx'): Promise<void> {
  const handle = await open(file, flag, 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `file` with `data`: written and flushed under a temp name beside it, then
 * hard-linked into place, which fails if the name was taken meanwhile; where links are
 * not supported (FAT/exFAT) it is created exclusively and written.
 */
export async function writeNewReportFile(file: string, data: Buffer): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    await writeFlushed(tmp, data, 'wx');
    try {
      await link(tmp, file);
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'EEXIST') throw exists(file);
      if (!linkUnsupported(err)) throw err;
      await writeFlushed(file, data, 'wx').catch((e: unknown) => {
        throw errnoCode(e) === 'EEXIST' ? exists(file) : e;
      });
    }
  } catch (err) {
    throw toIoError(err, `writing ${path.basename(file)}`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await fsyncDir(path.dirname(file));
}

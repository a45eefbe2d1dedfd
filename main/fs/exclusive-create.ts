import { link, open } from 'node:fs/promises';
import { errnoCode, linkUnsupported, tempPathFor } from './atomic';

/** Writes `content` to a new private temp file beside `target`, flushed, ready to be linked or renamed into place. */
export async function writeTempBeside(target: string, content: string): Promise<string> {
  const tmp = tempPathFor(target);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

/**
 * Creates `target` exclusively (false if it exists) with its full content already in it:
 * a hard link of the flushed temp file fails when the name exists, and nobody ever sees a
 * half-written file. Where hard links are not supported (FAT/exFAT drives) it falls back
 * to an O_EXCL create and write of `content`.
 */
export async function createExclusiveFrom(tmp: string, target: string, content: string): Promise<boolean> {
  try {
    await link(tmp, target);
    return true;
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') return false;
    if (!linkUnsupported(err)) throw err;
  }
  let handle;
  try {
    handle = await open(target, 'wx', 0o600);
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Opening a file for ingest: a regular file only, never through a link, with errors a person can act on. */
import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { looksLike, readableName, readablePath } from './file-names';

/** Opens a file for ingest, refusing links, devices, pipes, folders and other non-regular files. */
export async function openRegularFile(filePath: string | Buffer): Promise<fsp.FileHandle> {
  const shown = typeof filePath === 'string' ? filePath : readablePath(filePath);
  let handle: fsp.FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused below); reads of regular files ignore
    // it.
    handle = await fsp.open(filePath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw (await misencodedName(filePath)) ?? new VigilError('NOT_FOUND', `${shown} does not exist.`, { cause });
    const why =
      code === 'ELOOP'
        ? 'is a symbolic link (add the file it points to instead)'
        : `cannot be read (${code ?? 'error'})`;
    throw new VigilError('INVALID_INPUT', `${shown} ${why}.`, { cause });
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new VigilError('INVALID_INPUT', `${shown} is not a regular file; only files can be added.`);
  }
  return handle;
}

/**
 * Explains a path that does not exist because its name is not UTF-8. A name like that cannot
 * be given as a single path: Node decodes a command-line argument (or any string path) as
 * UTF-8 and puts U+FFFD for the bytes that are not, so the path it opens names no file. When
 * the folder holds a name whose bytes are not UTF-8 and that looks like the one given, say so.
 */
async function misencodedName(filePath: string | Buffer): Promise<VigilError | null> {
  if (typeof filePath !== 'string') return null;
  const dir = path.dirname(filePath);
  const given = path.basename(filePath);
  const names = await fsp.readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  const match = names.find((raw) => readableName(raw).shownAs !== 'utf-8' && looksLike(raw, given));
  if (!match) return null;
  const { shown, shownAs } = readableName(match);
  const encoding =
    shownAs === 'cp1251'
      ? 'it looks like cp1251'
      : 'not cp1251 either; shown with \\xNN for the bytes that are not UTF-8';
  return new VigilError(
    'NOT_FOUND',
    `${filePath} cannot be opened by that name: its folder holds "${shown}", whose file name is not valid ` +
      `UTF-8 (${encoding}), and a name like that cannot be passed as a single path. ` +
      `Add its folder instead (vigil add VAULT "${dir}"): names inside a folder are read as bytes and kept as ` +
      `they are.`,
  );
}

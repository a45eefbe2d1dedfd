/** Opening a file for ingest: a regular file only, never through a link, with errors a person can act on. */
import { constants, promises as fsp } from 'node:fs';
import { VigilError } from '../../shared/errors';
import { readablePath } from './file-names';
import { misencodedName } from './misencoded-name';

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
      throw (await misencodedError(filePath)) ?? new VigilError('NOT_FOUND', `${shown} does not exist.`, { cause });
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

/** The error for a path that does not exist because its name is not UTF-8, or null when that is not why. */
async function misencodedError(filePath: string | Buffer): Promise<VigilError | null> {
  if (typeof filePath !== 'string') return null;
  const match = await misencodedName(filePath);
  if (!match) return null;
  return new VigilError(
    'NOT_FOUND',
    `${filePath} cannot be opened by that name: its folder holds "${match.shown}", whose file name is not valid ` +
      `UTF-8 (${match.encoding}), and a name like that cannot be passed as a single path. ` +
      `Add its folder instead (vigil add VAULT "${match.dir}"): names inside a folder are read as bytes and kept as ` +
      `they are.`,
  );
}

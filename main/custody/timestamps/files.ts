/** Timestamp requests and replies as files: what the CLI and the app's dialogs hand over. */
import { open } from 'node:fs/promises';
import { VigilError } from '../../../shared/errors';
import { writeFileAtomic } from '../../fs/atomic';
import type { CustodyVault } from '../vault-access';
import { MAX_PEM_BYTES, MAX_REPLY_BYTES } from './limits';
import type { Outcome } from './reply';
import { attachTimestamp, requestTimestamp, type AttachedReply, type MadeRequest } from './timestamps';

/** Reads a whole regular file of at most `max` bytes; NOT_FOUND or INVALID_INPUT saying which file otherwise. */
async function readSmallFile(file: string, max: number, what: string): Promise<Buffer> {
  const handle = await open(file, 'r').catch((cause: unknown) => {
    throw new VigilError(
      'NOT_FOUND',
      `The ${what} ${file} cannot be opened (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`,
      { cause },
    );
  });
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new VigilError('INVALID_INPUT', `The ${what} ${file} is not a regular file.`);
    if (st.size > max)
      throw new VigilError(
        'INVALID_INPUT',
        `The ${what} ${file} is ${st.size} bytes, more than such a file can be (${max} bytes at most). Is it ` +
          `the right file?`,
      );
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Makes a timestamp request (see requestTimestamp) and writes its DER to `target`. */
export async function writeTimestampRequest(vault: CustodyVault, target: string): Promise<MadeRequest> {
  const made = await requestTimestamp(vault);
  await writeFileAtomic(target, made.der, { mode: 0o644 });
  return made;
}

/** Attaches the reply in `replyFile`, trusting the certificates of `pemFile` (see attachTimestamp). */
export async function attachTimestampFiles(
  vault: CustodyVault,
  replyFile: string,
  pemFile: string,
): Promise<Outcome<AttachedReply>> {
  const reply = await readSmallFile(replyFile, MAX_REPLY_BYTES, 'timestamp reply');
  const pem = await readSmallFile(pemFile, MAX_PEM_BYTES, 'TSA certificate file');
  return attachTimestamp(vault, reply, pem.toString('utf8'));
}

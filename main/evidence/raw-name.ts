import { createHash, randomBytes } from 'node:crypto';
import { readableName } from '../fs/file-names';

/**
 * How an `item.ingested` entry cites a file name that is not UTF-8 (DESIGN §5). The entry
 * carries no file name, but ties the bytes kept in `items.file_name_raw` to the signed entry.
 * Entries of earlier versions did so with `rawNameSha256`, the bare SHA-256 of the bytes: a
 * package recipient holding the entry could confirm a guessed file name offline (issue 14).
 * New entries carry `rawNameCommitment`, SHA-256 of a 32-byte random salt followed by the
 * bytes; the salt (`items.raw_name_salt`) never leaves the vault.
 */

/** Bytes of the salt of one raw file name. */
const RAW_NAME_SALT_BYTES = 32;

/** Lowercase hex SHA-256 of the salt followed by the name's bytes. */
function rawNameCommitment(salt: Uint8Array, raw: Uint8Array): string {
  if (salt.length !== RAW_NAME_SALT_BYTES)
    throw new Error(`a raw-name salt has ${RAW_NAME_SALT_BYTES} bytes, not ${salt.length}`);
  return createHash('sha256').update(salt).update(raw).digest('hex');
}

/** The entry data of a raw file name, and the salt to keep with the item; nothing for a UTF-8 name. */
export function rawNameData(
  raw: Buffer | null,
): { salt: Buffer; data: { rawNameCommitment: string; rawNameShownAs: string } } | null {
  if (raw === null) return null;
  const salt = randomBytes(RAW_NAME_SALT_BYTES);
  return { salt, data: { rawNameCommitment: rawNameCommitment(salt, raw), rawNameShownAs: readableName(raw).shownAs } };
}

/**
 * Why the kept bytes `raw` (with `salt`) are not the name an ingest entry's `data` cites, or
 * null when they are. The rule is taken from the signed data, never from the row.
 */
export function rawNameProblem(data: Record<string, unknown>, raw: Buffer | null, salt: Buffer | null): string | null {
  const { rawNameCommitment: committed, rawNameSha256: bare } = data;
  if (raw === null)
    return committed === undefined && bare === undefined
      ? null
      : 'its entry cites a file name that is not UTF-8, but the stored item has none';
  if (typeof committed === 'string') {
    if (salt === null || salt.length !== RAW_NAME_SALT_BYTES)
      return 'its entry commits to the file name with a salt, but the salt is missing';
    return rawNameCommitment(salt, raw) === committed ? null : 'its file name is not the one its entry commits to';
  }
  if (typeof bare === 'string')
    return createHash('sha256').update(raw).digest('hex') === bare
      ? null
      : 'its file name is not the one its entry cites';
  return 'its file name is not valid UTF-8, but its entry cites none';
}

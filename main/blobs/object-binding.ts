/**
 * The binding of a stored object to its record (DESIGN §4): one digest over the object's age
 * header (with its payload nonce) and the digests and size recorded for its plaintext. The
 * header fixes the file key, and every payload chunk is authenticated under a key derived from
 * it, so a file that still has the recorded header can only hold the recorded plaintext
 * (unless whoever wrote it kept its file key, as only the vault does). Checking the binding
 * thus shows an object is the one recorded without hashing its plaintext again: another valid
 * age file in its place, or a changed SHA-256, SHA-512 or size in its row, no longer matches.
 */
import { createHash } from 'node:crypto';

/** What the binding covers of an object's row. */
interface BoundRecord {
  sha256: string;
  sha512: string;
  size: number;
}

/** Names the binding's layout, so that a later one can never be mistaken for it. */
const BINDING_LABEL = 'vigil object binding v1';

/**
 * Hex SHA-256 of the UTF-8 text "vigil object binding v1\n<prefix SHA-256>\n<SHA-256>\n<SHA-512>\n<size>\n",
 * where <prefix SHA-256> is the hex SHA-256 of the object file's bytes before its payload
 * (AgeFileReader.prefixSha256) and the others are the record's (lowercase hex, decimal size).
 */
export function objectBinding(prefixSha256: string, record: BoundRecord): string {
  const text = `${BINDING_LABEL}\n${prefixSha256}\n${record.sha256}\n${record.sha512}\n${record.size}\n`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

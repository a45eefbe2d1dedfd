import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The SHA-256 (hex) of a record's RFC 8785 canonical JSON. Custody entries
 * cite it as the `hash` of what a change produced, so anyone holding the
 * record can show it is the one that was signed.
 */
export function recordHash(record: unknown): string {
  const text = canonicalize(record);
  if (text === undefined) throw new Error('record cannot be canonicalised');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

import type { Db } from '../database';

/**
 * Binds each stored object to its row (issue 13, DESIGN §4): `binding` is the digest over the
 * object file's age header and the row's SHA-256, SHA-512 and size (blobs/object-binding.ts),
 * so an export can tell the object is the one recorded without hashing its plaintext again.
 * Rows of earlier versions keep NULL (a migration cannot read the files): an export checks
 * their plaintext SHA-256 as before, and `vigil verify` records their binding once their
 * content has been checked in full.
 */
export function migration0140ObjectBindings(db: Db): void {
  db.exec(
    `ALTER TABLE objects ADD COLUMN binding TEXT CHECK (binding IS NULL OR (length(binding) = 64 AND binding ` +
      `NOT GLOB '*[^0-9a-f]*'))`,
  );
}

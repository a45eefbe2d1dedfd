import type { Db } from '../database';

/**
 * Signers trusted for a sender's vault (issue 14): the package signing keys this vault has
 * accepted from each sender vault id, so the next package from that vault is recognised and a
 * changed key is noticed (trust on first use, after the person confirmed the fingerprint, or
 * because the key was in the address book). One row per vault id and key; a row is never
 * changed, and each is recorded in custody as `package.signer_trusted` when it is written.
 */
export function migration0060KnownSigners(db: Db): void {
  db.exec(`
    CREATE TABLE known_signers (
      vault_id    TEXT NOT NULL CHECK (length(vault_id) BETWEEN 1 AND 100),
      public_key  TEXT NOT NULL CHECK (length(public_key) = 64 AND public_key NOT GLOB '*[^0-9a-f]*'),
      key_line    TEXT NOT NULL CHECK (length(key_line) = 56),
      name        TEXT NOT NULL,
      reason      TEXT NOT NULL CHECK (reason IN ('address-book', 'confirmed')),
      package_id  TEXT NOT NULL,
      trusted_at  TEXT NOT NULL,
      PRIMARY KEY (vault_id, public_key)
    ) STRICT;
  `);
}

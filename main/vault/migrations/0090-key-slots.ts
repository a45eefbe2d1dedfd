import type { Db } from '../database';

/**
 * Key slot roles (issue 14): which key slot of vault.json is whose, and whether it holds a
 * member's passphrase or the recovery code. vault.json format 1 showed this in the clear (so
 * anyone with the folder learned the member count and which slot was the recovery code); from
 * format 2 it lives here, encrypted, and vault.json's slots all look alike. Rows are filled
 * when a format 1 vault is next unlocked, and whenever slots are written.
 */
export function migration0090KeySlots(db: Db): void {
  db.exec(`
    CREATE TABLE key_slots (
      slot_id   TEXT PRIMARY KEY,
      member_id TEXT NOT NULL REFERENCES members(id),
      kind      TEXT NOT NULL CHECK (kind IN ('passphrase', 'recovery'))
    ) STRICT;
  `);
}

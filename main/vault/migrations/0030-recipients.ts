import type { Db } from '../database';

/**
 * The recipients address book (issue 4): organisations and people packages
 * can be sealed to. `age_recipient` is the canonical "age1…" text and is
 * unique, so one key never stands under two names; names are unique too
 * (case-insensitively), because `--to NAME` must resolve to one key.
 */
export function migration0030Recipients(db: Db): void {
  db.exec(`
    CREATE TABLE recipients (
      id                  TEXT PRIMARY KEY,
      name                TEXT NOT NULL,
      kind                TEXT NOT NULL DEFAULT 'organisation' CHECK (kind IN ('organisation', 'person')),
      age_recipient       TEXT NOT NULL UNIQUE,
      minisign_public_key TEXT,
      notes               TEXT NOT NULL DEFAULT '',
      created_at          TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX recipients_name ON recipients(name COLLATE NOCASE);
  `);
}

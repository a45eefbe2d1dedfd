import type { Db } from '../database';

/** The first schema: vault metadata, members and their keys, the custody log, checkpoints, stored objects and items. */
export function migration0010Initial(db: Db): void {
  db.exec(`
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE members (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      public_key TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      removed_at TEXT
    ) STRICT;

    -- Every signing key a member ever had, so old custody entries stay attributable after a rotation.
    CREATE TABLE member_keys (
      public_key  TEXT PRIMARY KEY,
      member_id   TEXT NOT NULL REFERENCES members(id),
      added_seq   INTEGER NOT NULL,
      retired_seq INTEGER
    ) STRICT;

    CREATE TABLE custody_log (
      seq       INTEGER PRIMARY KEY,
      entry     TEXT NOT NULL,
      sig       TEXT NOT NULL,
      leaf_hash BLOB NOT NULL
    ) STRICT;

    -- One row: the head of the log (size, hash of the last entry, Merkle frontier for O(log n) roots).
    CREATE TABLE custody_head (
      id        INTEGER PRIMARY KEY CHECK (id = 1),
      size      INTEGER NOT NULL,
      last_hash TEXT NOT NULL,
      frontier  BLOB NOT NULL
    ) STRICT;

    CREATE TABLE checkpoints (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      size       INTEGER NOT NULL,
      root       TEXT NOT NULL,
      note       TEXT NOT NULL,
      signer     TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE objects (
      id         TEXT PRIMARY KEY,
      sha256     TEXT NOT NULL UNIQUE,
      sha512     TEXT NOT NULL,
      size       INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE items (
      id         TEXT PRIMARY KEY,
      object_id  TEXT NOT NULL REFERENCES objects(id),
      title      TEXT NOT NULL,
      file_name  TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES members(id)
    ) STRICT;
    CREATE INDEX items_object ON items(object_id);
  `);
}

import type { Db } from '../database';

/**
 * The checkpoints received from other vaults (issue 11, consistency proofs): one row per
 * imported package, keyed by the sender's vault id, with the checkpoint it carried (size, root,
 * the note as received, the key that signed it) and how it related to the last one from that
 * vault (`first`, `extends`, or `accepted`: the history was rewritten and the person imported
 * it knowingly). The newest row per sender vault is the one the next package from that vault
 * must extend. The sender's RFC 3161 timestamps of its earlier checkpoints are kept beside it,
 * file by file as the package carried them. Rows are never changed or deleted.
 */
export function migration0120ReceivedCheckpoints(db: Db): void {
  db.exec(`
    CREATE TABLE received_checkpoints (
      seq          INTEGER PRIMARY KEY AUTOINCREMENT,
      sender_vault TEXT NOT NULL,
      signer_key   TEXT NOT NULL,
      size         INTEGER NOT NULL CHECK (size >= 0),
      root         TEXT NOT NULL CHECK (length(root) = 64),
      note         TEXT NOT NULL,
      package_id   TEXT NOT NULL UNIQUE,
      relation     TEXT NOT NULL CHECK (relation IN ('first', 'extends', 'accepted')),
      previous_seq INTEGER REFERENCES received_checkpoints(seq),
      consistency  TEXT,
      received_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX received_checkpoints_sender ON received_checkpoints(sender_vault, seq);
    CREATE TABLE received_timestamps (
      received_seq INTEGER NOT NULL REFERENCES received_checkpoints(seq),
      name         TEXT NOT NULL,
      checkpoint   TEXT NOT NULL,
      reply        BLOB NOT NULL,
      chain_pem    TEXT NOT NULL,
      consistency  TEXT NOT NULL,
      PRIMARY KEY (received_seq, name)
    ) STRICT;
  `);
}

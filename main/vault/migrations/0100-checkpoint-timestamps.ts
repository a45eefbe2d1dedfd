import type { Db } from '../database';

/**
 * RFC 3161 timestamps of checkpoints (issue 11): a request made over a checkpoint's bytes is
 * kept until the reply comes back from a connected machine, so the reply can be matched to it
 * (nonce, message imprint) and nothing else can be attached. When a reply passes every check,
 * the same row keeps it (the TimeStampResp as received, DER), the TSA's certificate path it
 * was verified against (PEM) and what it says, and a `checkpoint.timestamped` custody entry
 * records the attachment. A row is never deleted: an unanswered request stays pending.
 */
export function migration0100CheckpointTimestamps(db: Db): void {
  db.exec(`
    CREATE TABLE checkpoint_timestamps (
      id            TEXT PRIMARY KEY,
      checkpoint_id INTEGER NOT NULL REFERENCES checkpoints(id),
      imprint       TEXT NOT NULL CHECK (length(imprint) = 64),
      nonce         TEXT NOT NULL UNIQUE CHECK (length(nonce) BETWEEN 16 AND 64),
      request       BLOB NOT NULL,
      requested_at  TEXT NOT NULL,
      requested_by  TEXT NOT NULL,
      reply         BLOB,
      token_sha256  TEXT,
      chain_pem     TEXT,
      tsa           TEXT,
      gen_time      TEXT,
      serial        TEXT,
      policy        TEXT,
      attached_at   TEXT,
      CHECK ((reply IS NULL) = (token_sha256 IS NULL) AND (reply IS NULL) = (chain_pem IS NULL)
         AND (reply IS NULL) = (gen_time IS NULL) AND (reply IS NULL) = (attached_at IS NULL))
    ) STRICT;
    CREATE INDEX checkpoint_timestamps_checkpoint ON checkpoint_timestamps(checkpoint_id);
  `);
}

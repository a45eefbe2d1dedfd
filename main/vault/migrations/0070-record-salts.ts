import type { Db } from '../database';

/** The tables whose rows are committed to in custody entries (DESIGN §3 "Record hashes"). */
export const SALTED_TABLES = [
  'cases',
  'people',
  'places',
  'events',
  'requests',
  'interviews',
  'items',
  'transcript_revisions',
] as const;

/**
 * Record salts (issue 14): each row keeps the random 32-byte salt of its current committed
 * state, which the latest custody entry about it hashes under the `salted-v1` rule. A new
 * salt comes with every change, so an earlier state's salt is gone with that state. NULL for
 * rows written before: their entries hash the bare record and stay verifiable by that rule.
 */
export function migration0070RecordSalts(db: Db): void {
  for (const table of SALTED_TABLES) {
    db.exec(`ALTER TABLE ${table} ADD COLUMN hash_salt BLOB CHECK (hash_salt IS NULL OR length(hash_salt) = 32);`);
  }
}

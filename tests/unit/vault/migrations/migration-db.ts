/** The setup every migration test shares: a new encrypted database taken up to a schema version. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openEncryptedDatabase, type Db } from '../../../../main/vault/database';
import { MIGRATIONS, runMigrations } from '../../../../main/vault/migrations/registry';
import { tempDir } from '../../../helpers/vault';

/** Runs the migrations up to and including `version` on `db`; returns what runMigrations reports. */
export function migrateTo(db: Db, version: number): ReturnType<typeof runMigrations> {
  return runMigrations(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
}

/**
 * Runs `test` on a new encrypted database at schema `version` (with foreign keys enforced when
 * asked, as a vault enforces them), and closes the database afterwards.
 */
export function atVersion(opts: { version: number; foreignKeys?: boolean }, test: (db: Db) => void): void {
  const db = openEncryptedDatabase(path.join(tempDir(), 'test.db'), randomBytes(32), { create: true });
  try {
    if (opts.foreignKeys === true) db.pragma('foreign_keys = ON');
    migrateTo(db, opts.version);
    test(db);
  } finally {
    db.close();
  }
}

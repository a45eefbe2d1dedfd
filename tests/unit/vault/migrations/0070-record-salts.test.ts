import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';
import { SALTED_TABLES } from '../../../../main/vault/migrations/0070-record-salts';

describe('vault/migrations/0070-record-salts', () => {
  it(
    'adds a nullable 32-byte BLOB hash_salt to every committed ' +
      'table of a version-50 vault; existing rows keep NULL',
    () => {
      atVersion({ version: 50 }, (db) => {
        db.prepare("INSERT INTO cases (id, title, created_at, updated_at) VALUES ('old', 'T', 't', 't')").run();
        expect(migrateTo(db, 70)).toMatchObject({ from: 50, to: 70 });
        for (const table of SALTED_TABLES) {
          const columns = db
            .prepare(`SELECT name, type FROM pragma_table_info('${table}') WHERE name = 'hash_salt'`)
            .all();
          expect(columns, table).toEqual([{ name: 'hash_salt', type: 'BLOB' }]);
        }
        expect(db.prepare("SELECT hash_salt FROM cases WHERE id = 'old'").pluck().get()).toBeNull();
        const setSalt = db.prepare("UPDATE cases SET hash_salt = ? WHERE id = 'old'");
        const salt = randomBytes(32);
        setSalt.run(salt);
        expect(db.prepare("SELECT hash_salt FROM cases WHERE id = 'old'").pluck().get()).toEqual(salt);
        // A salt of another length, or text (STRICT), is refused.
        expect(() => setSalt.run(randomBytes(31))).toThrow(/CHECK/);
        expect(() => setSalt.run(randomBytes(33))).toThrow(/CHECK/);
        expect(() => setSalt.run('a'.repeat(32))).toThrow();
      });
    },
  );
});

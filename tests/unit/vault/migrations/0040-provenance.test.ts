import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../main/vault/migrations/registry';
import { atVersion } from './migration-db';

describe('vault/migrations/0040-provenance', () => {
  it('adds a STRICT imported_packages table to a version-30 vault, tied to an existing case', () => {
    atVersion({ version: 30, foreignKeys: true }, (db) => {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'imported_packages'").get()).toBeUndefined();
      expect(runMigrations(db)).toMatchObject({ from: 30 });
      const sql = (
        db.prepare("SELECT sql FROM sqlite_master WHERE name = 'imported_packages'").get() as { sql: string }
      ).sql;
      expect(sql).toMatch(/\)\s*STRICT$/);
      db.prepare(
        "INSERT INTO cases (id, title, reference, summary, status, created_at, updated_at) VALUES ('c', 'T', " +
          "NULL, '', 'open', 't', 't')",
      ).run();
      const insert = db.prepare(
        'INSERT INTO imported_packages (id, package_id, bag, source_vault, checkpoint, entries_jsonl, ' +
          'keys_txt, imported_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      insert.run('1', 'p', 'b', 'v', 'cp', 'e', 'k', 't', 'c');
      expect(db.prepare("SELECT bag FROM imported_packages WHERE id = '1'").get()).toEqual({ bag: 'b' });
      expect(() => insert.run('2', 'p', 'b', 'v', 'cp', 'e', 'k', 't', 'missing-case')).toThrow(/FOREIGN KEY/);
      expect(() => insert.run('3', 'p', 'b', 'v', Buffer.from([1, 2]), 'e', 'k', 't', 'c')).toThrow();
    });
  });
});

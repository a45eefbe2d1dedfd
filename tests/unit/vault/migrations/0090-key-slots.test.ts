import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';

describe('vault/migrations/0090-key-slots', () => {
  it('adds a STRICT key_slots table to a version-50 vault: one role per slot, of a known member and kind', () => {
    atVersion({ version: 50, foreignKeys: true }, (db) => {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'key_slots'").get()).toBeUndefined();
      expect(migrateTo(db, 90)).toMatchObject({ from: 50, to: 90 });
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'key_slots'").get() as { sql: string }).sql;
      expect(sql).toMatch(/\)\s*STRICT$/);
      db.prepare("INSERT INTO members (id, name, public_key, created_at) VALUES ('m', 'A', 'k', 't')").run();
      const insert = db.prepare('INSERT INTO key_slots (slot_id, member_id, kind) VALUES (?, ?, ?)');
      insert.run('s1', 'm', 'passphrase');
      insert.run('s2', 'm', 'recovery');
      expect(() => insert.run('s1', 'm', 'recovery')).toThrow(/UNIQUE|PRIMARY/);
      expect(() => insert.run('s3', 'missing', 'passphrase')).toThrow(/FOREIGN KEY/);
      expect(() => insert.run('s4', 'm', 'yubikey')).toThrow(/CHECK/);
    });
  });
});

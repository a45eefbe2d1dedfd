import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../main/vault/migrations/registry';
import { atVersion } from './migration-db';

describe('vault/migrations/0030-recipients', () => {
  it('adds a STRICT recipients table to a version-20 vault, with unique keys and names and a kind check', () => {
    atVersion({ version: 20 }, (db) => {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'recipients'").get()).toBeUndefined();
      expect(runMigrations(db)).toMatchObject({ from: 20 });
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'recipients'").get() as { sql: string }).sql;
      expect(sql).toMatch(/\)\s*STRICT$/);
      const insert = db.prepare(
        'INSERT INTO recipients (id, name, kind, age_recipient, minisign_public_key, created_at) VALUES (?, ?, ' +
          '?, ?, ?, ?)',
      );
      insert.run('1', 'Org', 'organisation', 'age1a', null, 't');
      expect(db.prepare("SELECT kind, notes FROM recipients WHERE id = '1'").get()).toEqual({
        kind: 'organisation',
        notes: '',
      });
      expect(() => insert.run('2', 'Other', 'person', 'age1a', null, 't')).toThrow(/UNIQUE/);
      expect(() => insert.run('3', 'ORG', 'person', 'age1b', null, 't')).toThrow(/UNIQUE/);
      expect(() => insert.run('4', 'P', 'robot', 'age1c', null, 't')).toThrow(/CHECK/);
      expect(() => insert.run('5', 'Q', 'person', 'age1d', Buffer.from([1, 2]), 't')).toThrow();
    });
  });
});

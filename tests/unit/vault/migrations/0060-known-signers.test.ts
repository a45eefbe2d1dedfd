import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';

const KEY = 'a'.repeat(64);
const LINE = `RW${'A'.repeat(54)}`;

describe('vault/migrations/0060-known-signers', () => {
  it(
    'adds a STRICT known_signers table to a version-50 vault: one row per sender vault and key, only valid keys ' +
      'and reasons',
    () => {
      atVersion({ version: 50 }, (db) => {
        expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'known_signers'").get()).toBeUndefined();
        expect(migrateTo(db, 60)).toMatchObject({ from: 50, to: 60 });
        const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'known_signers'").get() as { sql: string })
          .sql;
        expect(sql).toMatch(/\)\s*STRICT$/);
        const insert = db.prepare(
          'INSERT INTO known_signers (vault_id, public_key, key_line, name, reason, package_id, trusted_at) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        insert.run('vault-1', KEY, LINE, 'Bob Field Lawyer', 'confirmed', 'p', 't');
        // The same key from another vault is another row; the same vault and key twice is refused.
        insert.run('vault-2', KEY, LINE, 'Bob Field Lawyer', 'address-book', 'p', 't');
        expect(() => insert.run('vault-1', KEY, LINE, 'Bob', 'confirmed', 'p', 't')).toThrow(/UNIQUE|PRIMARY/);
        expect(() => insert.run('vault-3', 'A'.repeat(64), LINE, 'x', 'confirmed', 'p', 't')).toThrow(/CHECK/);
        expect(() => insert.run('vault-3', 'a'.repeat(63), LINE, 'x', 'confirmed', 'p', 't')).toThrow(/CHECK/);
        expect(() => insert.run('vault-3', KEY, 'RW', 'x', 'confirmed', 'p', 't')).toThrow(/CHECK/);
        expect(() => insert.run('vault-3', KEY, LINE, 'x', 'first-use', 'p', 't')).toThrow(/CHECK/);
        expect(() => insert.run('', KEY, LINE, 'x', 'confirmed', 'p', 't')).toThrow(/CHECK/);
        expect(db.prepare('SELECT count(*) FROM known_signers').pluck().get()).toBe(2);
      });
    },
  );
});

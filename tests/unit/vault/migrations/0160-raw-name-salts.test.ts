import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../main/vault/migrations/registry';
import { atVersion } from './migration-db';

describe('vault/migrations/0160-raw-name-salts', () => {
  it('gives items a raw_name_salt column: existing rows keep NULL, a salt is 32 bytes and only beside a raw name', () => {
    atVersion({ version: 159 }, (db) => {
      db.prepare("INSERT INTO members (id, name, public_key, created_at) VALUES ('m', 'M', 'k', 't')").run();
      db.prepare("INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES ('o', ?, ?, 1, 't')").run(
        'a'.repeat(64),
        'b'.repeat(128),
      );
      const insert = db.prepare(
        "INSERT INTO items (id, object_id, title, file_name, file_name_raw, created_at, created_by) VALUES (?, 'o', 'T', " +
          "'f', ?, 't', 'm')",
      );
      insert.run('raw', Buffer.from([0xcf, 0xe8]));
      insert.run('utf8', null);
      expect(runMigrations(db).to).toBeGreaterThanOrEqual(160);
      const salt = db.prepare('SELECT raw_name_salt FROM items WHERE id = ?').pluck();
      expect(salt.get('raw')).toBeNull();
      const set = db.prepare('UPDATE items SET raw_name_salt = ? WHERE id = ?');
      for (const bad of [randomBytes(31), randomBytes(33)]) expect(() => set.run(bad, 'raw')).toThrow(/CHECK/);
      expect(() => set.run(randomBytes(32), 'utf8')).toThrow(/CHECK/);
      const good = randomBytes(32);
      set.run(good, 'raw');
      expect(salt.get('raw')).toEqual(good);
    });
  });
});

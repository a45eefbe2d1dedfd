import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';

describe('vault/migrations/0050-raw-file-names', () => {
  it('adds a nullable BLOB file_name_raw to the items of a version-40 vault; existing items keep NULL', () => {
    atVersion({ version: 40, foreignKeys: true }, (db) => {
      db.prepare("INSERT INTO members (id, name, public_key, created_at) VALUES ('m', 'A', 'k', 't')").run();
      db.prepare("INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES ('o', 'h', 'h5', 1, 't')").run();
      const insert = db.prepare(
        "INSERT INTO items (id, object_id, title, file_name, created_at, created_by) VALUES (?, 'o', 'T', ?, 't', 'm')",
      );
      insert.run('old', 'letter.txt');
      expect(migrateTo(db, 50)).toMatchObject({ from: 40, to: 50 });
      expect(db.prepare("SELECT file_name_raw FROM items WHERE id = 'old'").pluck().get()).toBeNull();
      const raw = Buffer.from([0xcb, 0xe8, 0xf1, 0xf2, 0x2e, 0x74, 0x78, 0x74]);
      insert.run('new', 'Лист.txt');
      const setRaw = db.prepare("UPDATE items SET file_name_raw = ? WHERE id = 'new'");
      setRaw.run(raw);
      expect(db.prepare("SELECT file_name_raw FROM items WHERE id = 'new'").pluck().get()).toEqual(raw);
      // STRICT: text is refused; and an empty name is no name.
      expect(() => setRaw.run('Лист.txt')).toThrow();
      expect(() => setRaw.run(Buffer.alloc(0))).toThrow(/CHECK/);
    });
  });
});

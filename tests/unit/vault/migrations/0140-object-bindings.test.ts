import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../main/vault/migrations/registry';
import { atVersion } from './migration-db';

describe('vault/migrations/0140-object-bindings', () => {
  it('gives objects a binding column: existing rows keep NULL, new values must be 64 lowercase hex digits', () => {
    atVersion({ version: 139 }, (db) => {
      db.prepare("INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES ('o1', ?, ?, 1, 't')").run(
        'a'.repeat(64),
        'b'.repeat(128),
      );
      expect(runMigrations(db).to).toBeGreaterThanOrEqual(140);
      expect(db.prepare("SELECT binding FROM objects WHERE id = 'o1'").pluck().get()).toBeNull();
      const set = db.prepare("UPDATE objects SET binding = ? WHERE id = 'o1'");
      for (const bad of ['c'.repeat(63), 'C'.repeat(64), `${'c'.repeat(63)}g`])
        expect(() => set.run(bad)).toThrow(/CHECK/);
      set.run('c'.repeat(64));
      expect(db.prepare("SELECT binding FROM objects WHERE id = 'o1'").pluck().get()).toBe('c'.repeat(64));
    });
  });
});

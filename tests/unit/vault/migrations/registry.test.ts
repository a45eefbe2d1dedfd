import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../../main/vault/database';
import {
  checkRegistry,
  latestSchemaVersion,
  MIGRATIONS,
  runMigrations,
  type Migration,
} from '../../../../main/vault/migrations/registry';
import { tempDir } from '../../../helpers/vault';

function freshDb() {
  return openEncryptedDatabase(path.join(tempDir(), 'test.db'), randomBytes(32), { create: true });
}

describe('vault/migrations/runMigrations', () => {
  it('creates the initial schema with STRICT tables and records the version', () => {
    const db = freshDb();
    try {
      expect(runMigrations(db)).toEqual({ from: 0, to: latestSchemaVersion() });
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      const tables = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string; sql: string }[];
      const names = tables.map((t) => t.name);
      for (const core of [
        'checkpoints',
        'custody_head',
        'custody_log',
        'items',
        'member_keys',
        'members',
        'meta',
        'objects',
      ])
        expect(names).toContain(core);
      for (const model of [
        'cases',
        'people',
        'case_people',
        'interviews',
        'transcript_revisions',
        'transcript_segments',
        'places',
        'events',
        'event_items',
        'requests',
        'search_index',
      ])
        expect(names).toContain(model);
      // Every ordinary table is STRICT (the FTS5 table and its shadow tables are SQLite's own).
      for (const t of tables.filter((t) => !t.name.startsWith('search_index')))
        expect(t.sql, t.name).toMatch(/\)\s*STRICT$/);
      // STRICT: a wrong type is refused rather than stored.
      expect(() =>
        db.prepare("INSERT INTO custody_log (seq, entry, sig, leaf_hash) VALUES ('x', 'e', 's', x'00')").run(),
      ).toThrow();
    } finally {
      db.close();
    }
  });

  it('upgrades a version-10 database to the evidence model, keeping its rows', () => {
    const db = freshDb();
    runMigrations(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO members (id, name, public_key, created_at) VALUES ('m', 'M', 'k', 't')").run();
    db.prepare("INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES ('o', 'a', 'b', 1, 't')").run();
    db.prepare(
      "INSERT INTO items (id, object_id, title, file_name, created_at, created_by) VALUES ('i', 'o', 'T', 'f', " +
        "'t', 'm')",
    ).run();
    expect(runMigrations(db)).toEqual({ from: 10, to: latestSchemaVersion() });
    expect(db.prepare("SELECT title, kind, case_id, extraction_status FROM items WHERE id = 'i'").get()).toEqual({
      title: 'T',
      kind: 'other',
      case_id: null,
      extraction_status: 'none',
    });
    expect(() => db.prepare("UPDATE items SET kind = 'spaceship' WHERE id = 'i'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('is a no-op when up to date', () => {
    const db = freshDb();
    runMigrations(db);
    expect(runMigrations(db)).toEqual({ from: latestSchemaVersion(), to: latestSchemaVersion() });
    db.close();
  });

  it('refuses a database from a newer version and changes nothing', () => {
    const db = freshDb();
    runMigrations(db);
    db.pragma('user_version = 9990');
    expect(() => runMigrations(db)).toThrow(expect.objectContaining({ code: 'VAULT_FROM_FUTURE' }));
    expect(db.pragma('user_version', { simple: true })).toBe(9990);
    db.close();
  });

  it('runs pending migrations in one transaction: a failing step leaves the database as it was', () => {
    const db = freshDb();
    runMigrations(db);
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: 9000, name: 'adds a table', up: (d) => d.exec('CREATE TABLE extra (x INTEGER) STRICT') },
      {
        version: 9010,
        name: 'fails',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => runMigrations(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(0);
    db.close();
  });

  it('rejects a registry whose versions do not rise', () => {
    const up = (): void => undefined;
    expect(() =>
      checkRegistry([
        { version: 20, name: 'a', up },
        { version: 10, name: 'b', up },
      ]),
    ).toThrow(/does not rise/);
    expect(() =>
      checkRegistry([
        { version: 10, name: 'a', up },
        { version: 10, name: 'b', up },
      ]),
    ).toThrow(/does not rise/);
    expect(() => checkRegistry(MIGRATIONS)).not.toThrow();
  });
});

describe('vault/database/openEncryptedDatabase', () => {
  it('opens with the right key and refuses a wrong one with VAULT_CORRUPT', () => {
    const file = path.join(tempDir(), 'k.db');
    const key = randomBytes(32);
    const db = openEncryptedDatabase(file, key, { create: true });
    runMigrations(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(() => openEncryptedDatabase(file, randomBytes(32))).toThrow(
      expect.objectContaining({ code: 'VAULT_CORRUPT' }),
    );
    openEncryptedDatabase(file, key).close();
  });
});

import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';

describe('vault/migrations/0130-update-packages', () => {
  it(
    'adds STRICT tables of sent and received records to a version-100 vault, and the base and record set of each ' +
      'import',
    () => {
      atVersion({ version: 100, foreignKeys: true }, (db) => {
        db.prepare(
          "INSERT INTO cases (id, title, reference, summary, status, created_at, updated_at) VALUES ('c1', 't', " +
            "NULL, '', 'open', 't', 't')",
        ).run();
        db.prepare(
          'INSERT INTO imported_packages (id, package_id, bag, source_vault, checkpoint, entries_jsonl, ' +
            "keys_txt, imported_at, case_id) VALUES ('i1', 'p0', 'b', 'v', 'c', '', '', 't', 'c1')",
        ).run();
        expect(migrateTo(db, 130)).toMatchObject({ from: 100, to: 130 });
        for (const t of ['sent_packages', 'sent_package_records', 'received_records']) {
          expect((db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t) as { sql: string }).sql).toMatch(
            /\)\s*STRICT$/,
          );
        }
        // An import from before keeps its row: a full package, no record set (no update can build on it).
        expect(db.prepare("SELECT update_of, record_set FROM imported_packages WHERE id = 'i1'").get()).toEqual({
          update_of: null,
          record_set: null,
        });
        const h = 'a'.repeat(64);
        db.prepare(
          'INSERT INTO sent_packages (package_id, case_id, recipients, profile, base_package_id, record_set, ' +
            "sent_at) VALUES ('p1', 'c1', '[]', 'full', NULL, ?, 't')",
        ).run(h);
        // The base of an update is a package sent before; a record set is a SHA-256; kinds are closed.
        expect(() =>
          db
            .prepare(
              'INSERT INTO sent_packages (package_id, case_id, recipients, profile, base_package_id, record_set, ' +
                "sent_at) VALUES ('p2', 'c1', '[]', 'full', 'nope', ?, 't')",
            )
            .run(h),
        ).toThrow(/FOREIGN KEY/);
        expect(() =>
          db
            .prepare(
              'INSERT INTO sent_packages (package_id, case_id, recipients, profile, base_package_id, record_set, ' +
                "sent_at) VALUES ('p3', 'c1', '[]', 'full', NULL, 'short', 't')",
            )
            .run(),
        ).toThrow(/CHECK/);
        const rec = db.prepare(
          'INSERT INTO sent_package_records (package_id, kind, record_id, hash) VALUES (?, ?, ?, ?)',
        );
        rec.run('p1', 'event', 'e1', h);
        expect(() => rec.run('p1', 'event', 'e1', h)).toThrow(/UNIQUE|PRIMARY/);
        expect(() => rec.run('p1', 'thing', 'e2', h)).toThrow(/CHECK/);
        const got = db.prepare(
          'INSERT INTO received_records (import_id, kind, sender_id, local_id, change, hash, record) VALUES (?, ' +
            '?, ?, ?, ?, ?, ?)',
        );
        got.run('i1', 'person', 's1', 'l1', 'added', h, '{}');
        got.run('i1', 'event', 's2', null, 'added', h, '{}');
        expect(() => got.run('i1', 'person', 's3', 'l3', 'removed', h, '{}')).toThrow(/CHECK/);
        expect(() => got.run('i9', 'person', 's4', 'l4', 'added', h, '{}')).toThrow(/FOREIGN KEY/);
      });
    },
  );
});

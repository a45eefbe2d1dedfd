import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';

const HASH = 'ab'.repeat(32);

describe('vault/migrations/0080-crash-safety', () => {
  it(
    'adds the publications journal and gives imported packages of a version-50 vault the hash their custody ' +
      'entry cites',
    () => {
      atVersion({ version: 50, foreignKeys: true }, (db) => {
        db.prepare(
          "INSERT INTO cases (id, title, reference, summary, status, created_at, updated_at) VALUES ('c1', 'T', " +
            "NULL, '', 'open', 't', 't'), ('c2', 'U', NULL, '', 'open', 't', 't')",
        ).run();
        const insert = db.prepare(
          'INSERT INTO imported_packages (id, package_id, bag, source_vault, checkpoint, entries_jsonl, ' +
            "keys_txt, imported_at, case_id) VALUES (?, ?, 'b', 'v', 'cp', 'e', 'k', 't', ?)",
        );
        insert.run('i1', 'p1', 'c1');
        insert.run('i2', 'p2', 'c2');
        const entry = (seq: number, action: string, subject: string, hash: string | null): string =>
          JSON.stringify({ v: 1, vault: 'v', seq, ts: 't', actor: 'a', action, subject, hash, data: {}, prev: '0' });
        const log = db.prepare("INSERT INTO custody_log (seq, entry, sig, leaf_hash) VALUES (?, ?, 's', x'00')");
        log.run(0, entry(0, 'case.created', 'c1', null));
        log.run(1, entry(1, 'package.imported', 'c1', HASH));
        // c2's entry cites no valid hash: its row keeps NULL rather than a guess.
        log.run(2, entry(2, 'package.imported', 'c2', 'not-a-hash'));

        expect(migrateTo(db, 80)).toMatchObject({ from: 50, to: 80 });
        const hashes = db
          .prepare('SELECT case_id AS caseId, package_sha256 AS sha256 FROM imported_packages ORDER BY case_id')
          .all();
        expect(hashes).toEqual([
          { caseId: 'c1', sha256: HASH },
          { caseId: 'c2', sha256: null },
        ]);
        expect(() => db.prepare("UPDATE imported_packages SET package_sha256 = 'short' WHERE id = 'i2'").run()).toThrow(
          /CHECK/,
        );

        const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'publications'").get() as { sql: string })
          .sql;
        expect(sql).toMatch(/\)\s*STRICT$/);
        const journal = db.prepare('INSERT INTO publications (id, files, committed, started_at) VALUES (?, ?, ?, ?)');
        journal.run('a', '[{"partial":"x.partial","final":"x"}]', 0, 't');
        expect(() => journal.run('b', 'not json', 0, 't')).toThrow(/CHECK/);
        expect(() => journal.run('c', '[]', 2, 't')).toThrow(/CHECK/);
      });
    },
  );
});

import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';

describe('vault/migrations/0120-received-checkpoints', () => {
  it(
    'adds STRICT received_checkpoints and received_timestamps tables to a version-100 vault: one row per ' +
      'package, a known relation, timestamps tied to their checkpoint',
    () => {
      atVersion({ version: 100, foreignKeys: true }, (db) => {
        expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'received_checkpoints'").get()).toBeUndefined();
        expect(migrateTo(db, 120)).toMatchObject({ from: 100, to: 120 });
        for (const table of ['received_checkpoints', 'received_timestamps']) {
          expect(
            (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }).sql,
          ).toMatch(/\)\s*STRICT$/);
        }
        const insert = db.prepare(
          'INSERT INTO received_checkpoints (sender_vault, signer_key, size, root, note, package_id, relation, ' +
            'previous_seq, consistency, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        const root = 'a'.repeat(64);
        const first = Number(insert.run('v', 'k', 3, root, 'note', 'p1', 'first', null, null, 't').lastInsertRowid);
        insert.run('v', 'k', 5, root, 'note', 'p2', 'extends', first, '{}', 't');
        // A package is received once; the relation is one of three; a root is a SHA-256; the previous row exists.
        expect(() => insert.run('v', 'k', 6, root, 'note', 'p2', 'extends', first, null, 't')).toThrow(/UNIQUE/);
        expect(() => insert.run('v', 'k', 6, root, 'note', 'p3', 'guessed', first, null, 't')).toThrow(/CHECK/);
        expect(() => insert.run('v', 'k', 6, 'short', 'note', 'p4', 'extends', first, null, 't')).toThrow(/CHECK/);
        expect(() => insert.run('v', 'k', 6, root, 'note', 'p5', 'extends', 99, null, 't')).toThrow(/FOREIGN KEY/);
        const stamp = db.prepare(
          'INSERT INTO received_timestamps (received_seq, name, checkpoint, reply, chain_pem, consistency) ' +
            'VALUES (?, ?, ?, ?, ?, ?)',
        );
        stamp.run(first, 'ts-001', 'note', Buffer.from([0x30]), 'pem', '{}');
        expect(() => stamp.run(first, 'ts-001', 'note', Buffer.from([0x30]), 'pem', '{}')).toThrow(/UNIQUE|PRIMARY/);
        expect(() => stamp.run(99, 'ts-001', 'note', Buffer.from([0x30]), 'pem', '{}')).toThrow(/FOREIGN KEY/);
      });
    },
  );
});

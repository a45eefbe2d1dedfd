import { describe, expect, it } from 'vitest';
import { atVersion, migrateTo } from './migration-db';

describe('vault/migrations/0100-checkpoint-timestamps', () => {
  it(
    'adds a STRICT checkpoint_timestamps table to a version-50 vault: requests tied to a checkpoint, unique ' +
      'nonces, a reply only with all it implies',
    () => {
      atVersion({ version: 50, foreignKeys: true }, (db) => {
        expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'checkpoint_timestamps'").get()).toBeUndefined();
        expect(migrateTo(db, 100)).toMatchObject({ from: 50, to: 100 });
        const sql = (
          db.prepare("SELECT sql FROM sqlite_master WHERE name = 'checkpoint_timestamps'").get() as { sql: string }
        ).sql;
        expect(sql).toMatch(/\)\s*STRICT$/);
        db.prepare(
          "INSERT INTO checkpoints (size, root, note, signer, created_at) VALUES (1, 'r', 'n', 's', 't')",
        ).run();
        const insert = db.prepare(
          'INSERT INTO checkpoint_timestamps (id, checkpoint_id, imprint, nonce, request, requested_at, ' +
            'requested_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        const imprint = 'a'.repeat(64);
        insert.run('t1', 1, imprint, '4'.repeat(32), Buffer.from([0x30]), 't', 'k');
        // A nonce is never used twice; a request names an existing checkpoint; an imprint is a SHA-256.
        expect(() => insert.run('t2', 1, imprint, '4'.repeat(32), Buffer.from([0x30]), 't', 'k')).toThrow(/UNIQUE/);
        expect(() => insert.run('t3', 99, imprint, '5'.repeat(32), Buffer.from([0x30]), 't', 'k')).toThrow(
          /FOREIGN KEY/,
        );
        expect(() => insert.run('t4', 1, 'short', '6'.repeat(32), Buffer.from([0x30]), 't', 'k')).toThrow(/CHECK/);
        // STRICT: the request is bytes, not text.
        expect(() => insert.run('t5', 1, imprint, '7'.repeat(32), 'text', 't', 'k')).toThrow();
        // A reply comes with its token hash, chain, genTime and time of attachment, or not at all.
        expect(() => db.prepare("UPDATE checkpoint_timestamps SET reply = x'30' WHERE id = 't1'").run()).toThrow(
          /CHECK/,
        );
        db.prepare(
          "UPDATE checkpoint_timestamps SET reply = x'30', token_sha256 = 'h', chain_pem = 'p', tsa = 'CN=T', " +
            "gen_time = 'g', serial = '01', policy = '1.2', attached_at = 'a' WHERE id = 't1'",
        ).run();
        expect(db.prepare("SELECT tsa FROM checkpoint_timestamps WHERE id = 't1'").pluck().get()).toBe('CN=T');
      });
    },
  );
});

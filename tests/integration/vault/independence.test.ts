import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sqlcipher from '@journeyapps/sqlcipher';
import { describe, expect, it } from 'vitest';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { revealKeys } from '../../../main/vault/reveal';
import { hasTool } from '../../helpers/tools';
import { newTestVault, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

interface ItemRow {
  id: string;
  object_id: string;
  sha256: string;
}

/** Reads the items with stock SQLCipher 4 (a different build and binding from the one Vigil uses). */
function readWithStockSqlcipher(dbFile: string, keyHex: string): Promise<{ rows: ItemRow[]; version: string }> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(dbFile, sqlcipher.OPEN_READONLY, (openErr) => {
      if (openErr) return reject(openErr);
      db.serialize(() => {
        db.run(`PRAGMA key = "x'${keyHex}'"`);
        db.get('PRAGMA cipher_version', (verErr, ver: { cipher_version: string }) => {
          if (verErr) return reject(verErr);
          db.all(
            'SELECT i.id, i.object_id, o.sha256 FROM items i JOIN objects o ON o.id = i.object_id ORDER BY i.id',
            (err, rows: ItemRow[]) => {
              db.close();
              if (err) reject(err);
              else resolve({ rows, version: ver.cipher_version });
            },
          );
        });
      });
    });
  });
}

describe('disaster recovery with stock tools', () => {
  it('stock SQLCipher 4 opens vault.db and age decrypts every object with the revealed keys', async () => {
    const { dir, vault } = await newTestVault();
    const contents = ['first letter', 'official reply: no information', 'x'.repeat(200_000)];
    for (const [i, text] of contents.entries()) {
      const file = path.join(tempDir(), `f${i}.txt`);
      writeFileSync(file, text);
      await addFileItem(vault, file);
    }
    await vault.close();
    const keys = await revealKeys(dir, { passphrase: TEST_PASSPHRASE });
    expect(keys.sqlcipherKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.blobIdentity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);

    const { rows, version } = await readWithStockSqlcipher(path.join(dir, 'vault.db'), keys.sqlcipherKeyHex);
    expect(version).toMatch(/^4\./);
    expect(rows).toHaveLength(3);
    const expected = contents.map((c) => createHash('sha256').update(c).digest('hex')).sort();
    expect(rows.map((r) => r.sha256).sort()).toEqual(expected);

    if (!hasTool('age')) return;
    const identityFile = path.join(tempDir(), 'identity.txt');
    writeFileSync(identityFile, `${keys.blobIdentity}\n`, { mode: 0o600 });
    for (const row of rows) {
      const blob = path.join(dir, 'blobs', row.object_id.slice(0, 2), `${row.object_id}.age`);
      const out = spawnSync('age', ['-d', '-i', identityFile, blob]);
      expect(out.status, out.stderr.toString()).toBe(0);
      expect(createHash('sha256').update(out.stdout).digest('hex')).toBe(row.sha256);
    }
  });

  it('stock SQLCipher refuses the database with a wrong key', async () => {
    const { dir, vault } = await newTestVault();
    await vault.close();
    await expect(readWithStockSqlcipher(path.join(dir, 'vault.db'), '00'.repeat(32))).rejects.toThrow(
      /not a database|file is encrypted/,
    );
  });
});

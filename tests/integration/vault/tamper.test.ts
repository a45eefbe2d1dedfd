import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeCheckpoint } from '../../../main/custody/checkpoint-store';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { DATABASE_FILE, openEncryptedDatabase, type Db } from '../../../main/vault/database';
import { deriveSqlcipherKey } from '../../../main/vault/keys/derive';
import { readVaultHeader } from '../../../main/vault/keys/header';
import { unlockWithSecret } from '../../../main/vault/keys/slots';
import { openVault } from '../../../main/vault/open';
import { verifyVault, type VaultReport } from '../../../main/checks/verify-vault';
import { newTestVault, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

let dir: string;
let objectIds: string[];

/** A vault with 6 custody entries (created + 5 items) and a checkpoint over all of them. */
beforeEach(async () => {
  const made = await newTestVault();
  dir = made.dir;
  objectIds = [];
  for (let i = 0; i < 5; i++) {
    const file = path.join(tempDir(), `doc-${i}.txt`);
    writeFileSync(file, `request ${i} for the whereabouts of the detainee\n`.repeat(5000 * (i + 1)));
    objectIds.push((await addFileItem(made.vault, file)).objectId);
  }
  await makeCheckpoint(made.vault.db, made.vault.vaultId, made.vault.requireSigner());
  await made.vault.close();
});

/** Opens the vault's database directly, as an attacker holding the key would, and applies `edit`. */
async function tamperDb(edit: (db: Db) => void): Promise<void> {
  const header = await readVaultHeader(dir);
  const { masterKey } = await unlockWithSecret(header, { passphrase: TEST_PASSPHRASE });
  const db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), deriveSqlcipherKey(masterKey));
  try {
    edit(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function verify(): Promise<VaultReport> {
  const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  try {
    return await verifyVault(vault);
  } finally {
    await vault.close();
  }
}

function row(db: Db, seq: number): { entry: string; sig: string } {
  return db.prepare('SELECT entry, sig FROM custody_log WHERE seq = ?').get(seq) as { entry: string; sig: string };
}

function setRow(db: Db, seq: number, value: { entry: string; sig: string }): void {
  db.prepare('UPDATE custody_log SET entry = ?, sig = ? WHERE seq = ?').run(value.entry, value.sig, seq);
}

describe('vault/verifyVault', () => {
  it('passes on an untouched vault', async () => {
    const report = await verify();
    expect(report.findings.filter((f) => !f.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.custody.size).toBe(6);
    expect(report.objects.checked).toBe(5);
  });

  it('catches a flipped byte in a stored object and names it', async () => {
    const id = objectIds[2] ?? '';
    const file = path.join(dir, 'blobs', id.slice(0, 2), `${id}.age`);
    const bytes = readFileSync(file);
    const mid = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(mid) ^ 0x01, mid);
    writeFileSync(file, bytes);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => !f.ok).map((f) => f.subject)).toEqual([id]);
  });

  it(
    'records the binding of objects stored before schema 140 once their content checks out, and not of a damaged ' +
      'one',
    async () => {
      const [damaged, ...intact] = objectIds;
      if (damaged === undefined) throw new Error('no objects');
      await tamperDb((db) => db.prepare('UPDATE objects SET binding = NULL').run());
      const file = path.join(dir, 'blobs', damaged.slice(0, 2), `${damaged}.age`);
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0x01, bytes.length - 5);
      writeFileSync(file, bytes);
      expect((await verify()).findings.filter((f) => !f.ok).map((f) => f.subject)).toEqual([damaged]);
      let bindings: Record<string, string | null> = {};
      await tamperDb((db) => {
        bindings = Object.fromEntries(
          (db.prepare('SELECT id, binding FROM objects').all() as { id: string; binding: string | null }[]).map((r) => [
            r.id,
            r.binding,
          ]),
        );
      });
      expect(bindings[damaged]).toBeNull();
      for (const id of intact) expect(bindings[id]).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('catches an object whose recorded binding was changed, its content intact', async () => {
    const id = objectIds[1] ?? '';
    await tamperDb((db) => db.prepare('UPDATE objects SET binding = ? WHERE id = ?').run('0'.repeat(64), id));
    const report = await verify();
    expect(report.findings.filter((f) => !f.ok)).toEqual([
      expect.objectContaining({
        subject: id,
        detail: expect.stringContaining('binding recorded for it does not match'),
      }),
    ]);
  });

  it('catches an edited custody entry at its seq (signature)', async () => {
    await tamperDb((db) => {
      const r = row(db, 3);
      setRow(db, 3, { ...r, entry: r.entry.replace('"deduplicated":false', '"deduplicated":true') });
    });
    expect((await verify()).custody.firstBad).toMatchObject({ seq: 3, reason: 'signature' });
  });

  it('catches a deleted custody row (gap)', async () => {
    await tamperDb((db) => db.prepare('DELETE FROM custody_log WHERE seq = 2').run());
    expect((await verify()).custody.firstBad).toMatchObject({ seq: 2, reason: 'gap' });
  });

  it('catches two custody rows swapped (reorder)', async () => {
    await tamperDb((db) => {
      const [a, b] = [row(db, 2), row(db, 3)];
      setRow(db, 2, b);
      setRow(db, 3, a);
    });
    expect((await verify()).custody.firstBad).toMatchObject({ seq: 2, reason: 'reorder' });
  });

  it('catches a duplicated custody row (duplicate)', async () => {
    await tamperDb((db) => setRow(db, 3, row(db, 2)));
    expect((await verify()).custody.firstBad).toMatchObject({ seq: 3, reason: 'duplicate' });
  });

  it('catches a truncated log against the checkpoint', async () => {
    await tamperDb((db) => db.prepare('DELETE FROM custody_log WHERE seq >= 4').run());
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.custody.firstBad).toMatchObject({ reason: 'truncated' });
    expect(report.findings.find((f) => f.check === 'head')?.ok).toBe(false);
  });

  it("catches a signature swapped with another entry's", async () => {
    await tamperDb((db) => setRow(db, 4, { ...row(db, 4), sig: row(db, 1).sig }));
    expect((await verify()).custody.firstBad).toMatchObject({ seq: 4, reason: 'signature' });
  });

  it('catches a stored head that no longer matches the entries', async () => {
    await tamperDb((db) => db.prepare('UPDATE custody_head SET size = size - 1').run());
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.check === 'head')?.ok).toBe(false);
  });

  it('catches an altered checkpoint (root or signature)', async () => {
    await tamperDb((db) => {
      const note = db.prepare('SELECT note FROM checkpoints ORDER BY id DESC LIMIT 1').pluck().get() as string;
      const lines = note.split('\n');
      lines[1] = '5';
      db.prepare('UPDATE checkpoints SET note = ?').run(lines.join('\n'));
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.check === 'checkpoint')?.ok).toBe(false);
  });

  it('reports an object file missing from the folder', async () => {
    const { rmSync } = await import('node:fs');
    const id = objectIds[0] ?? '';
    rmSync(path.join(dir, 'blobs', id.slice(0, 2), `${id}.age`));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.subject === id)?.detail).toMatch(/missing/);
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { ItemStaging } from '../../../main/evidence/item-staging';
import type { Vault } from '../../../main/vault/vault';
import { openVault } from '../../../main/vault/open';
import { removeOrphans, verifyVault } from '../../../main/checks/verify-vault';
import { newTestVault, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

/** An item's stored bytes, read through the store as any reader does. */
async function readItemBytes(vault: Vault, itemId: string): Promise<Uint8Array> {
  const objectId = vault.db.prepare('SELECT object_id FROM items WHERE id = ?').pluck().get(itemId) as string;
  const reader = await vault.blobs.open(objectId);
  try {
    return await reader.read(0, reader.size);
  } finally {
    await reader.close();
  }
}

/** Every object file under blobs/, as "<folder>/<name>". */
function objectFiles(dir: string): string[] {
  const root = path.join(dir, 'blobs');
  return readdirSync(root).flatMap((folder) => readdirSync(path.join(root, folder)).map((name) => `${folder}/${name}`));
}

function sampleFile(text: string): string {
  const file = path.join(tempDir(), 'letter.txt');
  writeFileSync(file, text);
  return file;
}

describe('blobs/BlobStore: an object takes its place only once the database refers to it', () => {
  it('keeps an object stored but not recorded in staged/ only, and the next unlock removes it', async () => {
    const { dir, vault } = await newTestVault();
    // What a killed add or import leaves: an object written and flushed, never recorded.
    const stored = await vault.blobs.put(Readable.from([randomBytes(5000)]));
    expect(objectFiles(dir)).toEqual([`staged/${stored.id}.age`]);
    await vault.close();
    const reopened = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(reopened.recovered.objects).toEqual({ published: 0, removed: 1 });
      expect(objectFiles(dir)).toEqual([]);
      expect((await verifyVault(reopened)).findings.filter((f) => !f.ok)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('publishes at the next unlock a recorded object a crash left in staged/, and never removes it', async () => {
    const { dir, vault } = await newTestVault();
    const item = await addFileItem(vault, sampleFile('a letter withheld for six weeks'));
    await vault.close();
    const placed = path.join(dir, 'blobs', item.objectId.slice(0, 2), `${item.objectId}.age`);
    expect(existsSync(placed)).toBe(true);
    // What a kill between the commit and the rename leaves.
    renameSync(placed, path.join(dir, 'blobs', 'staged', `${item.objectId}.age`));
    const reopened = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(reopened.recovered.objects).toEqual({ published: 1, removed: 0 });
      expect(existsSync(placed)).toBe(true);
      expect(Buffer.from(await readItemBytes(reopened, item.id)).toString()).toBe('a letter withheld for six weeks');
      expect((await verifyVault(reopened)).findings.filter((f) => !f.ok)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('records an object while it is still in staged/, and only then gives it its place (add and staged import)', async () => {
    const { dir, vault } = await newTestVault();
    // The object files at the moment each item's custody entry is written, inside the recording transaction: a kill
    // there must leave nothing under blobs/xx/ that the database does not know (the crash tests cannot stop between a
    // rename and SQLite's commit).
    const seen: string[][] = [];
    vault.db.function('vigil_test_observe', () => {
      seen.push(objectFiles(dir).sort());
      return 0;
    });
    vault.db.exec(
      'CREATE TEMP TRIGGER observe AFTER INSERT ON custody_log WHEN NEW.entry LIKE \'%"item.ingested"%\' ' +
        'BEGIN SELECT vigil_test_observe(); END',
    );
    const added = await addFileItem(vault, sampleFile('a letter withheld for six weeks'));
    const staging = new ItemStaging(vault, { extract: false });
    const stored = await staging.add('recording.bin', 4000, Readable.from([randomBytes(4000)]));
    await staging.commit((recordItems) => recordItems(null));
    await vault.close();
    const placed = (id: string): string => `${id.slice(0, 2)}/${id}.age`;
    expect(seen).toEqual([
      [`staged/${added.objectId}.age`],
      [placed(added.objectId), `staged/${stored.id}.age`].sort(),
    ]);
    expect(objectFiles(dir).sort()).toEqual([placed(added.objectId), placed(stored.id)].sort());
  });

  it('reads a recorded object still in staged/ (between the commit and the rename)', async () => {
    const { dir, vault } = await newTestVault();
    try {
      const item = await addFileItem(vault, sampleFile('an official reply: no information'));
      renameSync(
        path.join(dir, 'blobs', item.objectId.slice(0, 2), `${item.objectId}.age`),
        path.join(dir, 'blobs', 'staged', `${item.objectId}.age`),
      );
      expect(Buffer.from(await readItemBytes(vault, item.id)).toString()).toBe('an official reply: no information');
    } finally {
      await vault.close();
    }
  });

  it(
    'never removes at unlock an object under its final name that the database does not know (a database older ' +
      'than its objects); verify reports it and --repair removes it',
    async () => {
      const { dir, vault } = await newTestVault();
      const item = await addFileItem(vault, sampleFile('recorded and kept'));
      const stray = await vault.blobs.put(Readable.from([randomBytes(3000)]));
      await vault.blobs.publish([stray.id]);
      await vault.close();
      const reopened = await openVault(dir, { passphrase: TEST_PASSPHRASE });
      try {
        expect(reopened.recovered.objects).toEqual({ published: 0, removed: 0 });
        expect(objectFiles(dir).sort()).toEqual(
          [`${item.objectId.slice(0, 2)}/${item.objectId}.age`, `${stray.id.slice(0, 2)}/${stray.id}.age`].sort(),
        );
        const report = await verifyVault(reopened);
        expect(report.findings.filter((f) => f.check === 'orphan')).toMatchObject([
          { subject: stray.id, warning: true },
        ]);
        expect(await removeOrphans(reopened)).toBe(1);
        expect(objectFiles(dir)).toEqual([`${item.objectId.slice(0, 2)}/${item.objectId}.age`]);
      } finally {
        await reopened.close();
      }
    },
  );

  it('removes whatever else lies in staged/ at unlock, but nothing the database refers to', async () => {
    const { dir, vault } = await newTestVault();
    const items = [];
    for (let i = 0; i < 3; i++) items.push(await addFileItem(vault, sampleFile(`request number ${i}`)));
    await vault.close();
    // Recorded objects moved back into staged/, beside junk and an unrecorded object.
    for (const item of items.slice(0, 2))
      renameSync(
        path.join(dir, 'blobs', item.objectId.slice(0, 2), `${item.objectId}.age`),
        path.join(dir, 'blobs', 'staged', `${item.objectId}.age`),
      );
    writeFileSync(path.join(dir, 'blobs', 'staged', `${'ab'.repeat(16)}.age`), randomBytes(100));
    writeFileSync(path.join(dir, 'blobs', 'staged', 'not-an-object'), 'x');
    mkdirSync(path.join(dir, 'blobs', 'staged', 'a-folder'));
    const reopened = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(reopened.recovered.objects).toEqual({ published: 2, removed: 3 });
      expect(readdirSync(path.join(dir, 'blobs', 'staged'))).toEqual([]);
      for (const item of items)
        expect(Buffer.from(await readItemBytes(reopened, item.id)).toString()).toMatch(/^request number \d$/);
      expect((await verifyVault(reopened)).findings.filter((f) => !f.ok)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});

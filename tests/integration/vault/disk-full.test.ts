import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCustodyHead } from '../../../main/custody/log-store';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { listItems } from '../../../main/evidence/items';
import type { Vault } from '../../../main/vault/vault';
import { verifyVault } from '../../../main/checks/verify-vault';
import { failure } from '../../unit/packages/helpers';
import { newTestVault, tempDir } from '../../helpers/vault';

let open: Vault | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

/**
 * Lets the database grow by no more than `pages` pages: SQLite then fails writes with
 * SQLITE_FULL, exactly as it does when the disk fills up.
 */
function capDatabase(vault: Vault, pages: number): void {
  const used = vault.db.pragma('page_count', { simple: true }) as number;
  vault.db.pragma(`max_page_count = ${used + pages}`);
}

describe('vault/full disk', () => {
  it(
    'a change the database has no room for fails with DISK_FULL, saves nothing, and the vault goes on once there ' +
      'is room',
    async () => {
      const { vault } = await newTestVault();
      open = vault;
      const c = createCase(vault, { title: 'Before the disk filled' });
      const custody = readCustodyHead(vault.db).size;
      capDatabase(vault, 0);
      // A 20,000-character summary needs pages of its own (overflow pages), which the cap denies.
      const err = await failure(
        Promise.resolve().then(() => createCase(vault, { title: 'Too big', summary: 'x'.repeat(20_000) })),
      );
      expect(err?.code).toBe('DISK_FULL');
      expect(err?.message).toMatch(/disk is full.*not saved.*Free some space/);
      expect(readCustodyHead(vault.db).size).toBe(custody);
      expect(vault.db.prepare('SELECT id FROM cases').pluck().all()).toEqual([c.id]);
      capDatabase(vault, 100_000);
      createCase(vault, { title: 'After space was freed', summary: 'x'.repeat(20_000) });
      expect((await verifyVault(vault, { quick: true })).ok).toBe(true);
    },
  );

  it('an item whose record does not fit is not added, and its stored object is removed', async () => {
    const { vault } = await newTestVault();
    open = vault;
    const caseId = createCase(vault, { title: 'Letters' }).id;
    const objects = await vault.blobs.scan();
    const file = path.join(tempDir(), 'letter.txt');
    // Text long enough that its extracted copy needs new pages in the database.
    fs.writeFileSync(file, `${randomBytes(150_000).toString('base64')}\n`);
    capDatabase(vault, 0);
    const err = await failure(addFileItem(vault, file, { caseId }));
    expect(err?.code).toBe('DISK_FULL');
    expect(listItems(vault.db, { caseId })).toEqual([]);
    expect(await vault.blobs.scan()).toEqual(objects);
  });
});

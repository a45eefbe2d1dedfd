/**
 * Issue 14, point 4c: vault.db and its WAL and shared-memory files are private to the
 * user (0600) however permissive the umask, and an older vault's files are made so
 * when it is next opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { createVault } from '../../../main/vault/create';
import { openVault } from '../../../main/vault/open';
import { fastKdf, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

const DB_FILES = ['vault.db', 'vault.db-wal', 'vault.db-shm'];

function modes(dir: string): Record<string, string> {
  return Object.fromEntries(DB_FILES.map((f) => [f, (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8)]));
}

let umask = 0;
beforeEach(() => {
  // The most permissive umask: whatever mode SQLite asks for is what the file gets.
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});

describe.skipIf(process.platform === 'win32')('vault database file modes', () => {
  it('creates vault.db, its WAL and its shared-memory file readable and writable by the owner only', async () => {
    const dir = path.join(tempDir(), 'vault');
    const { vault } = await createVault(dir, {
      memberName: 'Investigator',
      passphrase: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    });
    try {
      const file = path.join(tempDir(), 'note.txt');
      fs.writeFileSync(file, 'a note');
      await addFileItem(vault, file, {});
      expect(modes(dir)).toEqual({ 'vault.db': '600', 'vault.db-wal': '600', 'vault.db-shm': '600' });
    } finally {
      await vault.close();
    }
  });

  it('makes the files of an older vault private when it is opened', async () => {
    const dir = path.join(tempDir(), 'vault');
    const { vault } = await createVault(dir, {
      memberName: 'Investigator',
      passphrase: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    });
    await vault.close();
    fs.chmodSync(path.join(dir, 'vault.db'), 0o644);
    const reopened = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      reopened.record({ action: 'item.opened', subject: null, hash: null, data: {} });
      expect(modes(dir)).toEqual({ 'vault.db': '600', 'vault.db-wal': '600', 'vault.db-shm': '600' });
    } finally {
      await reopened.close();
    }
  });
});

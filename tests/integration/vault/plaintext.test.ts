import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { makeCheckpoint } from '../../../main/custody/checkpoint-store';
import { openVault } from '../../../main/vault/open';
import { newTestVault, snapshotFiles, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

const MARKER = 'Witness-W014-said-the-colony-transferred-him-at-night';

/** Every file under the vault folder that contains `needle` (as UTF-8 or UTF-16), with where. */
function filesContaining(dir: string, needle: string): string[] {
  const patterns = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(needle.slice(0, 16), 'utf8'),
  ];
  const hits: string[] = [];
  for (const [name, bytes] of snapshotFiles(dir)) {
    if (patterns.some((p) => bytes.includes(p))) hits.push(name);
  }
  return hits;
}

describe('no plaintext at rest', () => {
  it('a known string inside added files, titles and names appears in no file under the vault folder', async () => {
    const { dir, vault } = await newTestVault(`Member ${MARKER}`);
    const folder = tempDir();
    const small = path.join(folder, `${MARKER}.txt`);
    writeFileSync(small, `Interview transcript.\n${MARKER}\n`);
    const large = path.join(folder, 'recording.bin');
    writeFileSync(large, Buffer.from(`${MARKER}\n`.repeat(200_000)));
    await addFileItem(vault, small, { title: MARKER });
    await addFileItem(vault, large);
    await makeCheckpoint(vault.db, vault.vaultId, vault.requireSigner());

    // While open: the database, its WAL and shared-memory files, objects and lock file.
    const whileOpen = snapshotFiles(dir);
    expect([...whileOpen.keys()].some((f) => f.endsWith('-wal'))).toBe(true);
    expect(filesContaining(dir, MARKER)).toEqual([]);
    // Control: the scan does find what is meant to be plaintext (the vault id in vault.json).
    expect(filesContaining(dir, vault.vaultId)).toContain('vault.json');
    await vault.close();
    expect(filesContaining(dir, MARKER)).toEqual([]);

    // And after a reopen that reads everything back.
    const again = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    await again.close();
    expect(filesContaining(dir, MARKER)).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem, addFileItems } from '../../../main/evidence/item-ingest';
import { listItems } from '../../../main/evidence/items';
import type { Vault } from '../../../main/vault/vault';
import { newTestVault, tempDir } from '../../helpers/vault';

let open: Vault | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

async function vaultWithCase(): Promise<{ vault: Vault; caseId: string; files: string }> {
  const { vault } = await newTestVault();
  open = vault;
  return { vault, caseId: createCase(vault, { title: 'Ingest' }).id, files: tempDir() };
}

function write(dir: string, name: string, data: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

describe('evidence/item-ingest: nothing left behind', () => {
  it('a cancelled batch add removes the objects of files it had stored but not yet recorded', async () => {
    const { vault, caseId, files } = await vaultWithCase();
    const before = await vault.blobs.scan();
    // The two small files are stored and wait for their batch's commit when the large one is cancelled.
    const paths = [write(files, 'a.txt', 'first'), write(files, 'b.txt', 'second'), write(files, 'big.bin', randomBytes(48 * 1024 * 1024))];
    const abort = new AbortController();
    let stored = 0;
    const adding = addFileItems(vault, paths, { caseId, extract: false, signal: abort.signal, onProgress: () => {
      if (++stored > 3) abort.abort();
    } }, () => undefined);
    await expect(adding).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(listItems(vault.db, { caseId })).toEqual([]);
    expect(await vault.blobs.scan()).toEqual(before);
  });

  it('a failed record (a derivative of an unknown item) removes the object it stored', async () => {
    const { vault, caseId, files } = await vaultWithCase();
    const before = await vault.blobs.scan();
    const file = write(files, 'copy.txt', 'redacted copy');
    await expect(addFileItem(vault, file, { caseId, derivativeOf: '00000000-0000-4000-8000-000000000000', derivativeKind: 'redacted' })).rejects.toThrow();
    expect(await vault.blobs.scan()).toEqual(before);
    // And a good add after it still works and keeps its object.
    const added = await addFileItem(vault, file, { caseId });
    expect((await vault.blobs.scan()).ids).toContain(added.objectId);
  });
});

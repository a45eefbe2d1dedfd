import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem, addFileItems } from '../../../main/evidence/item-ingest';
import { ItemStaging } from '../../../main/evidence/item-staging';
import { getItemText, listItems } from '../../../main/evidence/items';
import type { Vault } from '../../../main/vault/vault';
import { VigilError } from '../../../shared/errors';
import { readCustodyHead } from '../../../main/custody/log-store';
import { failure } from '../../unit/packages/helpers';
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
    const paths = [
      write(files, 'a.txt', 'first'),
      write(files, 'b.txt', 'second'),
      write(files, 'big.bin', randomBytes(48 * 1024 * 1024)),
    ];
    const abort = new AbortController();
    let stored = 0;
    const adding = addFileItems(
      vault,
      paths,
      {
        caseId,
        extract: false,
        signal: abort.signal,
        onProgress: () => {
          if (++stored > 3) abort.abort();
        },
      },
      () => undefined,
    );
    await expect(adding).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(listItems(vault.db, { caseId })).toEqual([]);
    expect(await vault.blobs.scan()).toEqual(before);
  });

  it('a failed record (a derivative of an unknown item) removes the object it stored', async () => {
    const { vault, caseId, files } = await vaultWithCase();
    const before = await vault.blobs.scan();
    const file = write(files, 'copy.txt', 'redacted copy');
    await expect(
      addFileItem(vault, file, {
        caseId,
        derivativeOf: '00000000-0000-4000-8000-000000000000',
        derivativeKind: 'redacted',
      }),
    ).rejects.toThrow();
    expect(await vault.blobs.scan()).toEqual(before);
    // And a good add after it still works and keeps its object.
    const added = await addFileItem(vault, file, { caseId });
    expect((await vault.blobs.scan()).ids).toContain(added.objectId);
  });
});

describe('evidence/item-staging', () => {
  it('staged items are stored from streams, text extracted in memory, and recorded only on commit', async () => {
    const { vault, caseId } = await vaultWithCase();
    const before = await vault.blobs.scan();
    const staging = new ItemStaging(vault, {});
    const letter = Buffer.from('Лист з колонії: побачення заборонено.\n');
    const noise = randomBytes(300_000);
    await staging.add('letter.txt', letter.length, Readable.from([letter.subarray(0, 10), letter.subarray(10)]));
    const stored = await staging.add('recording.bin', noise.length, Readable.from([noise]));
    expect(stored.sha256).toBe(createHash('sha256').update(noise).digest('hex'));
    expect(listItems(vault.db, { caseId })).toEqual([]);
    const added = await staging.commit((recordItems) => recordItems(caseId));
    expect(added.map((i) => i.fileName)).toEqual(['letter.txt', 'recording.bin']);
    expect(added.map((i) => i.caseId)).toEqual([caseId, caseId]);
    expect(getItemText(vault.db, added[0]?.id ?? '')).toContain('побачення заборонено');
    expect(added[1]?.extractionStatus).not.toBe('ok');
    expect((await vault.blobs.scan()).ids.length).toBe(before.ids.length + 2);
  });

  it(
    "commit records the items together with the caller's other changes, or none of it: a later failure undoes " +
      'the items',
    async () => {
      const { vault, caseId } = await vaultWithCase();
      const before = await vault.blobs.scan();
      const custodyBefore = readCustodyHead(vault.db).size;
      const staging = new ItemStaging(vault, { extract: false });
      await staging.add('a.bin', 1000, Readable.from([randomBytes(1000)]));
      const err = await failure(
        staging.commit((recordItems) => {
          expect(recordItems(caseId)).toHaveLength(1);
          vault.record({ action: 'item.opened', subject: caseId, hash: null, data: {} });
          throw new VigilError('DISK_FULL', 'simulated: the disk filled up after the items were recorded');
        }),
      );
      expect(err?.code).toBe('DISK_FULL');
      expect(listItems(vault.db, { caseId })).toEqual([]);
      expect(readCustodyHead(vault.db).size).toBe(custodyBefore);
      expect(await vault.blobs.scan()).toEqual(before);
    },
  );

  it('discarding staged items removes their objects and records nothing', async () => {
    const { vault, caseId } = await vaultWithCase();
    const before = await vault.blobs.scan();
    const staging = new ItemStaging(vault, { extract: false });
    await staging.add('a.bin', 1000, Readable.from([randomBytes(1000)]));
    await staging.add('b.bin', 2000, Readable.from([randomBytes(2000)]));
    expect(staging.count).toBe(2);
    await staging.discard();
    expect(await vault.blobs.scan()).toEqual(before);
    expect(listItems(vault.db, { caseId })).toEqual([]);
  });
});

describe('evidence/item-stage: one read per file', () => {
  /** Runs `during` while the store reads the file: after the store has been handed the stream, before it finishes. */
  function whileStoring(vault: Vault, during: () => void, after = false): void {
    const put = vault.blobs.put.bind(vault.blobs);
    vault.blobs.put = async (source, opts) => {
      if (!after) during();
      const stored = await put(source, opts);
      if (after) during();
      return stored;
    };
  }

  it('extracts the text from the very bytes it stored, not from the file read again', async () => {
    const { vault, caseId, files } = await vaultWithCase();
    const file = write(files, 'reply.txt', 'The colony confirms the transfer.');
    // The file changes (same size) once the store has its bytes: a second read would see the new text.
    whileStoring(vault, () => fs.writeFileSync(file, 'Nothing was ever sent to us here.'), true);
    const item = await addFileItem(vault, file, { caseId });
    expect(getItemText(vault.db, item.id)).toBe('The colony confirms the transfer.');
    const reader = await vault.blobs.open(item.objectId);
    try {
      expect((await reader.read(0, reader.size)).toString()).toBe('The colony confirms the transfer.');
    } finally {
      await reader.close();
    }
  });

  it('refuses a file that grows while it is read, recording nothing and keeping no object', async () => {
    const { vault, caseId, files } = await vaultWithCase();
    const file = write(files, 'growing.txt', 'a recording still being written');
    const before = await vault.blobs.scan();
    const head = readCustodyHead(vault.db);
    whileStoring(vault, () => fs.appendFileSync(file, ' and more bytes arrive'));
    const failed = await failure(addFileItem(vault, file, { caseId }));
    expect(failed?.code).toBe('INVALID_INPUT');
    expect(failed?.message).toMatch(/growing\.txt changed while it was read \(31 bytes when opened, 53 read\)/);
    expect(listItems(vault.db, { caseId })).toEqual([]);
    expect(readCustodyHead(vault.db)).toEqual(head);
    expect(await vault.blobs.scan()).toEqual(before);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { afterEach, describe, expect, it } from 'vitest';
import { iterateStoredEntries } from '../../../../main/custody/log-store';
import { createCase } from '../../../../main/evidence/cases';
import { addFileItem } from '../../../../main/evidence/item-ingest';
import { getItem, getItemText } from '../../../../main/evidence/items';
import { addPerson } from '../../../../main/evidence/people';
import { countUnburned } from '../../../../main/evidence/redact/image-check';
import { loadMupdf } from '../../../../main/evidence/redact/mupdf';
import { redactItem } from '../../../../main/evidence/redact/redact-item';
import type { Vault } from '../../../../main/vault/vault';
import { verifyVault } from '../../../../main/checks/verify-vault';
import { newTestVault, tempDir } from '../../../helpers/vault';
import { jpegWithGps, noiseImage } from './fixtures';

let open: Vault | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function vaultWith(
  name: string,
  content: Buffer | string,
): Promise<{ vault: Vault; itemId: string; caseId: string }> {
  const { vault } = await newTestVault();
  open = vault;
  const c = createCase(vault, { title: 'Colony case' });
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return { vault, caseId: c.id, itemId: (await addFileItem(vault, file, { caseId: c.id })).id };
}

async function bytesOf(vault: Vault, objectId: string): Promise<Buffer> {
  const reader = await vault.blobs.open(objectId);
  try {
    return await reader.read(0, reader.size);
  } finally {
    await reader.close();
  }
}

async function decoded(bytes: Buffer): Promise<{ w: number; h: number; n: number; px: Uint8Array; stride: number }> {
  const mupdf = await loadMupdf();
  const pix = new mupdf.Image(bytes).toPixmap();
  return {
    w: pix.getWidth(),
    h: pix.getHeight(),
    n: pix.getNumberOfComponents(),
    px: new Uint8Array(pix.getPixels()),
    stride: pix.getStride(),
  };
}

/** The chunk types of a PNG, in order. */
function pngChunks(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= png.length; at += 12 + png.readUInt32BE(at))
    types.push(png.toString('latin1', at + 4, at + 8));
  return types;
}

describe('evidence/redact/redactItem (image)', () => {
  it(
    'burns the boxes into the pixels of the turned image, ' + 'drops EXIF and GPS, and leaves the original verifying',
    async () => {
      // Stored 40 × 30 with orientation 6: shown turned, 30 wide and 40 high.
      const jpeg = await jpegWithGps(40, 30);
      expect(await exifr.gps(jpeg)).toMatchObject({ latitude: expect.any(Number) as unknown });
      const { vault, itemId } = await vaultWith('photo.jpg', jpeg);
      const original = getItem(vault.db, itemId);
      const box = { page: 0, x: 5, y: 20, width: 10, height: 15 };
      const { item, redaction } = await redactItem(vault, itemId, { boxes: [box] });
      expect(item).toMatchObject({
        derivativeOf: itemId,
        derivativeKind: 'redacted',
        mediaType: 'image/png',
        fileName: 'photo.png',
      });
      expect(redaction).toMatchObject({ method: 'image-burn-png', originalSha256: original.sha256, boxes: [box] });
      const png = await bytesOf(vault, item.objectId);
      const img = await decoded(png);
      expect([img.w, img.h]).toEqual([30, 40]);
      expect(await countUnburned(png, [[5, 20, 15, 35]])).toBe(0);
      // Outside the box the noise is still there.
      expect(await countUnburned(png, [[0, 0, 30, 20]])).toBeGreaterThan(500);
      // No metadata of any kind survives: not EXIF, GPS, orientation, nor any text chunk.
      expect(await exifr.gps(png)).toBeUndefined();
      // Only the image itself and its pixel density (pHYs): no eXIf, tEXt, iTXt or zTXt chunk.
      expect(pngChunks(png).filter((t) => !['IHDR', 'pHYs', 'IDAT', 'IEND'].includes(t))).toEqual([]);
      expect(png.includes(Buffer.from('Exif'))).toBe(false);
      expect(png.includes(Buffer.from('TestCam'))).toBe(false);
      expect((await verifyVault(vault)).ok).toBe(true);
    },
  );

  it('the pixel check catches a box left unburned (run on the original image)', async () => {
    const png = await noiseImage(20, 20, 'png');
    expect(await countUnburned(png, [[0, 0, 5, 5]])).toBe(25);
  });

  it('refuses a box outside the image, or on a page other than 0, storing nothing', async () => {
    const { vault, itemId } = await vaultWith('photo.png', await noiseImage(20, 10, 'png'));
    const entries = [...iterateStoredEntries(vault.db)].length;
    await expect(redactItem(vault, itemId, { boxes: [{ page: 0, x: 25, y: 0, width: 5, height: 5 }] })).rejects.toThrow(
      /Box 1 lies outside the image \(20 × 10 pixels\)/,
    );
    await expect(redactItem(vault, itemId, { boxes: [{ page: 1, x: 0, y: 0, width: 5, height: 5 }] })).rejects.toThrow(
      /only page 0/,
    );
    await expect(redactItem(vault, itemId, { personId: 'x' })).rejects.toThrow(
      /Names cannot be searched for in an image/,
    );
    expect([...iterateStoredEntries(vault.db)].length).toBe(entries);
  });
});

describe('evidence/redact/redactItem (text and transcripts)', () => {
  it("replaces a person's names and aliases in a text item by their code", async () => {
    const { vault, itemId, caseId } = await vaultWith(
      'letter.txt',
      'Dear colony,\r\nOlena Petrenko (also olena_petrenko, Лена) asked.\r\nA Petrenkova is someone else.\r\n',
    );
    const p = addPerson(vault, { caseId, role: 'witness', name: 'Olena Petrenko', aliases: ['Лена'] });
    const { item, redaction } = await redactItem(vault, itemId, { personId: p.id });
    const text = (await bytesOf(vault, item.objectId)).toString('utf8');
    expect(text).toBe(
      `Dear colony,\r\n${p.code} (also ${p.code}, ${p.code}) asked.\r\nA Petrenkova is someone else.\r\n`,
    );
    expect(redaction.people).toEqual([{ personId: p.id, code: p.code, names: 2, occurrences: 3 }]);
    expect(getItemText(vault.db, item.id)).not.toContain('Olena');
    const canonical = [...iterateStoredEntries(vault.db)].at(-1)?.canonical ?? '';
    expect(canonical).toContain('"method":"text-codes"');
    expect(canonical).not.toMatch(/Olena|Лена/);
  });

  it('replaces the names in a WebVTT transcript, keeping its cues', async () => {
    const vtt =
      'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Interviewer>Were you with Olena Petrenko?\n\n00:00:03.500 ' +
      '--> 00:00:05.000\n<v W>Yes, OLENA PETRENKO was there.\n';
    const { vault, itemId, caseId } = await vaultWith('interview.vtt', vtt);
    const p = addPerson(vault, { caseId, role: 'detainee', name: 'Olena Petrenko' });
    const { item } = await redactItem(vault, itemId, { personId: p.id });
    const text = (await bytesOf(vault, item.objectId)).toString('utf8');
    expect(text).toBe(vtt.replaceAll('Olena Petrenko', p.code).replaceAll('OLENA PETRENKO', p.code));
    expect(item).toMatchObject({ mediaType: 'text/vtt', fileName: 'interview.vtt', derivativeKind: 'redacted' });
  });

  it('refuses boxes on a text item and an unknown person, storing nothing', async () => {
    const { vault, itemId } = await vaultWith('letter.txt', 'Olena Petrenko\n');
    const entries = [...iterateStoredEntries(vault.db)].length;
    await expect(redactItem(vault, itemId, { boxes: [{ page: 0, x: 0, y: 0, width: 5, height: 5 }] })).rejects.toThrow(
      /no pages to draw boxes on/,
    );
    await expect(redactItem(vault, itemId, { personId: 'no-such-person' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(redactItem(vault, itemId, {})).rejects.toThrow(/Give boxes to remove or a person/);
    expect([...iterateStoredEntries(vault.db)].length).toBe(entries);
  });
});

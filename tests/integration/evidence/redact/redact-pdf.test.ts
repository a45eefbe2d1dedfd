import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { iterateStoredEntries } from '../../../../main/custody/log-store';
import { createCase } from '../../../../main/evidence/cases';
import { addFileItem } from '../../../../main/evidence/item-ingest';
import { getItem, getItemText } from '../../../../main/evidence/items';
import { addPerson } from '../../../../main/evidence/people';
import { findPdfLeftovers } from '../../../../main/evidence/redact/pdf-check';
import { redactItem } from '../../../../main/evidence/redact/redact-item';
import { redactPdf } from '../../../../main/evidence/redact/redact-pdf';
import { extractPdf } from '../../../../main/ingest/extract-pdf';
import type { Vault } from '../../../../main/vault/vault';
import { verifyVault } from '../../../../main/checks/verify-vault';
import { hasTool } from '../../../helpers/tools';
import { newTestVault, tempDir } from '../../../helpers/vault';
import { tempWritesDuring } from '../../../helpers/temp-writes';
import { makePdf } from '../../../e2e/media';
import { coloursIn, parsePpm, PDF_LAYOUT, pdfFixture } from './fixtures';

let open: Vault | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

const popplerHere = hasTool('pdftotext', 'poppler-utils') && hasTool('pdftoppm', 'poppler-utils');

async function setUp(): Promise<{ vault: Vault; itemId: string; personId: string; code: string }> {
  const { vault } = await newTestVault();
  open = vault;
  const c = createCase(vault, { title: 'Colony case' });
  const person = addPerson(vault, { caseId: c.id, role: 'witness', name: 'Olena Petrenko', aliases: ['Lena P.'] });
  const file = path.join(tempDir(), 'statement.pdf');
  fs.writeFileSync(file, await pdfFixture());
  const item = await addFileItem(vault, file, { caseId: c.id, title: 'Statement' });
  return { vault, itemId: item.id, personId: person.id, code: person.code };
}

async function bytesOf(vault: Vault, objectId: string): Promise<Buffer> {
  const reader = await vault.blobs.open(objectId);
  try {
    return await reader.read(0, reader.size);
  } finally {
    await reader.close();
  }
}

function pdftotext(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Page `page` rendered by pdftoppm at 144 dpi (2 pixels a point). */
function render(file: string, page: number): ReturnType<typeof parsePpm> {
  const r = spawnSync('pdftoppm', ['-r', '144', '-f', String(page + 1), '-l', String(page + 1), file], {
    maxBuffer: 64 << 20,
  });
  expect(r.status, r.stderr.toString()).toBe(0);
  return parsePpm(r.stdout);
}

/** A box in points as pixels at 144 dpi, 2 pixels in from each edge (anti-aliasing stays out). */
function inner(b: { x: number; y: number; width: number; height: number }): number[] {
  return [b.x * 2 + 2, b.y * 2 + 2, (b.x + b.width) * 2 - 2, (b.y + b.height) * 2 - 2];
}

describe('evidence/redact/redactItem (PDF)', () => {
  it(
    'removes the text and image under the boxes, keeps the rest, and stores a derivative the original is ' +
      'unchanged by',
    async () => {
      const { vault, itemId } = await setUp();
      const original = getItem(vault.db, itemId);
      const boxes = [
        { page: 0, ...PDF_LAYOUT.nameLine },
        { page: 0, ...PDF_LAYOUT.image },
      ];
      const { item, redaction } = await redactItem(vault, itemId, { boxes });
      expect(item).toMatchObject({
        derivativeOf: itemId,
        derivativeKind: 'redacted',
        caseId: original.caseId,
        mediaType: 'application/pdf',
      });
      const pdf = await bytesOf(vault, item.objectId);

      // The repo's own extraction (pdf.js), run on the stored copy and at ingest.
      const { text } = await extractPdf(new Uint8Array(pdf), 1_000_000);
      expect(text).not.toMatch(/Olena|Petrenko|colony/);
      expect(text).toContain('The request register stays visible.');
      expect(getItemText(vault.db, item.id)).not.toContain('Petrenko');
      expect(getItemText(vault.db, itemId)).toContain('Olena Petrenko was held');

      // The custody entry: who (its signer), which areas, from which original.
      const entry = JSON.parse([...iterateStoredEntries(vault.db)].at(-1)?.canonical ?? '{}') as {
        action: string;
        data: Record<string, unknown>;
        hash: string;
      };
      expect(entry).toMatchObject({
        action: 'item.derivative_added',
        hash: item.sha256,
        data: {
          derivativeOf: itemId,
          derivativeKind: 'redacted',
          derivation: { method: 'mupdf-redact', originalSha256: original.sha256, boxes, people: [] },
        },
      });
      expect(redaction.boxes).toEqual(boxes);

      // The original still verifies, byte for byte.
      expect(
        createHash('sha256')
          .update(await bytesOf(vault, original.objectId))
          .digest('hex'),
      ).toBe(original.sha256);
      const report = await verifyVault(vault);
      expect(report.ok, JSON.stringify(report.findings.filter((f) => !f.ok))).toBe(true);
      expect(getItem(vault.db, itemId).sha256).toBe(original.sha256);

      if (!popplerHere) return;
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'r.pdf'), pdf);
      fs.writeFileSync(path.join(dir, 'o.pdf'), await bytesOf(vault, original.objectId));
      expect(pdftotext(path.join(dir, 'o.pdf'))).toContain('Olena Petrenko');
      const popplerText = pdftotext(path.join(dir, 'r.pdf'));
      expect(popplerText).not.toMatch(/Olena|Petrenko|colony/);
      expect(popplerText).toContain('The request register stays visible.');
      // Rendered pixels under each box are one uniform colour; in the original they were not.
      const before = render(path.join(dir, 'o.pdf'), 0);
      const after = render(path.join(dir, 'r.pdf'), 0);
      for (const b of boxes) {
        expect(coloursIn(before, inner(b)).size).toBeGreaterThan(1);
        expect([...coloursIn(after, inner(b))]).toEqual(['000000']);
      }
    },
  );

  it(
    "redacts every occurrence of a person's names and aliases, on every page and in any case, and strips the " +
      'document information',
    async () => {
      const { vault, itemId, personId, code } = await setUp();
      const { item, redaction } = await redactItem(vault, itemId, { personId });
      expect(redaction.people).toEqual([{ personId, code, names: 2, occurrences: 3 }]);
      const pdf = await bytesOf(vault, item.objectId);
      const { text, metadata } = await extractPdf(new Uint8Array(pdf), 1_000_000);
      expect(text).not.toMatch(/Olena|Petrenko|Lena P/i);
      expect(text).toContain('was held at the colony');
      expect(text).toContain('Nothing else here is secret.');
      expect(JSON.stringify(metadata)).not.toMatch(/Petrenko/i);
      // Names never enter the custody log: only the code and counts.
      const canonical = [...iterateStoredEntries(vault.db)].at(-1)?.canonical ?? '';
      expect(canonical).not.toMatch(/Olena|Petrenko|Lena/);
      if (!popplerHere) return;
      const file = path.join(tempDir(), 'r.pdf');
      fs.writeFileSync(file, pdf);
      expect(pdftotext(file)).not.toMatch(/Olena|Petrenko|Lena P/i);
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
      if (info.status === 0) expect(info.stdout).not.toMatch(/Petrenko/);
    },
  );

  it('writes nothing to the temp folder while redacting', async () => {
    const { vault, itemId, personId } = await setUp();
    const writes = await tempWritesDuring(async () => {
      await redactItem(vault, itemId, { personId, boxes: [{ page: 0, ...PDF_LAYOUT.image }] });
    });
    expect(writes).toEqual([]);
  });

  it.each([
    ['a page past the end', { page: 2, x: 10, y: 10, width: 10, height: 10 }, /page 2 but the PDF has 2 page/],
    ['a negative width', { page: 0, x: 10, y: 10, width: -5, height: 10 }, /width: must be greater than 0/],
    ['a negative page', { page: -1, x: 10, y: 10, width: 5, height: 10 }, /page: must be 0 or more/],
    ['a box off the page', { page: 0, x: 5000, y: 10, width: 5, height: 10 }, /Box 1 lies outside page 0/],
  ])('refuses %s with a clear error and stores nothing', async (_what, box, message) => {
    const { vault, itemId } = await setUp();
    const entries = [...iterateStoredEntries(vault.db)].length;
    const objects = await vault.blobs.scan();
    await expect(redactItem(vault, itemId, { boxes: [box] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(message) as unknown,
    });
    expect([...iterateStoredEntries(vault.db)].length).toBe(entries);
    expect(await vault.blobs.scan()).toEqual(objects);
  });

  it(
    'counts a name once when an alias inside it is searched ' + 'too (longest first, each applied before the next)',
    async () => {
      const { hits } = await redactPdf(
        await pdfFixture(),
        [],
        [
          { text: 'Olena', label: 'W-001' },
          { text: 'Olena Petrenko', label: 'W-001' },
        ],
      );
      expect(hits.get('W-001')).toBe(2);
    },
  );

  it('has a check that catches text left under a box (run on the unredacted original)', async () => {
    const pdf = await pdfFixture();
    const left = await findPdfLeftovers(
      pdf,
      pdf,
      [{ page: 0, ...PDF_LAYOUT.nameLine }],
      [{ text: 'Lena P.', label: 'W-001' }],
    );
    expect(left).toEqual({ charsInBoxes: expect.any(Number) as unknown, termHits: 1, moved: 0 });
    expect(left.charsInBoxes).toBeGreaterThan(20);
  });

  it(
    'has a check that catches text moved instead of removed ' + '(a PDF compared with one whose lines sit elsewhere)',
    async () => {
      const shifted = makePdf([
        'Regional court (fictional)',
        'Ruling on the complaint of 2026-03-02',
        'The complaint is left without consideration.',
      ]);
      const moved = Buffer.from(shifted.toString('latin1').replace('72 720 Td', '72 700 Td'), 'latin1');
      expect((await findPdfLeftovers(shifted, moved, [], [])).moved).toBeGreaterThan(50);
    },
  );

  it(
    "refuses a PDF whose content MuPDF's rewrite would move rather than redact (TL and ' operators), storing " +
      'nothing',
    async () => {
      // MuPDF 1.28.1 folds "Td … TL" into a TD that sets another leading, so every "'" line lands off the
      // page and the line under the box is kept (moved, not removed): the glyph check must refuse it.
      const { vault } = await newTestVault();
      open = vault;
      const file = path.join(tempDir(), 'ruling.pdf');
      fs.writeFileSync(
        file,
        makePdf([
          'Regional court (fictional)',
          'Ruling on the complaint of 2026-03-02',
          'The complaint is left without consideration.',
        ]),
      );
      const item = await addFileItem(vault, file);
      const entries = [...iterateStoredEntries(vault.db)].length;
      await expect(
        redactItem(vault, item.id, { boxes: [{ page: 0, x: 60, y: 127, width: 520, height: 25 }] }),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/could not redact this PDF faithfully/) as unknown,
      });
      expect([...iterateStoredEntries(vault.db)].length).toBe(entries);
    },
  );
});

import { describe, expect, it, vi } from 'vitest';

const getDocument = vi.hoisted(() =>
  vi.fn(() => ({
    promise: Promise.resolve({
      numPages: 1,
      getPage: () =>
        Promise.resolve({
          getTextContent: () => Promise.resolve({ items: [{ str: 'page text', hasEOL: false }] }),
          cleanup: () => undefined,
        }),
      getMetadata: () => Promise.resolve({ info: {} }),
    }),
    destroy: () => Promise.resolve(),
  })),
);
vi.mock('pdfjs-dist/legacy/build/pdf.mjs', () => ({ getDocument }));

const { extractPdf } = await import('../../../main/ingest/extract-pdf');

describe('ingest/extract-pdf/extractPdf', () => {
  // pdf.js 6 cannot compile a PDF's PostScript functions to JavaScript at all (pdfjs-no-eval.test.ts).
  it("never lets pdf.js load a PDF's fonts or the system fonts", async () => {
    const out = await extractPdf(new Uint8Array([1, 2, 3]), 1000);
    expect(out.text).toBe('page text');
    expect(getDocument).toHaveBeenCalledWith(expect.objectContaining({ disableFontFace: true, useSystemFonts: false }));
  });
});

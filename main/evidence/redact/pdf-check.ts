/**
 * Checks a redacted PDF from its saved bytes against the original, as a recipient would read
 * it: no character whose centre lies inside a box and no hit of a redacted term may remain,
 * and every glyph that remains must be drawn exactly where the original drew it. The last rule
 * catches a content rewrite that moved text instead of removing it (off the page, where text
 * extraction no longer sees it but the bytes still hold it). A copy that fails is refused
 * before anything is stored.
 */
import type { Document as MuDocument, Quad, Rect } from 'mupdf';
import { VigilError } from '../../../shared/errors';
import type { RedactionBox } from '../../../shared/redaction';
import { loadMupdf, type MuPdf } from './mupdf';
import { movedGlyphs, pageGlyphs, type Glyph } from './pdf-glyphs';
import type { RedactionTerm } from './redaction-types';

/**
 * What remains where nothing should: characters inside boxes, term hits, and glyphs not where the original had them.
 */
interface PdfLeftovers {
  charsInBoxes: number;
  termHits: number;
  moved: number;
}

function centre(q: Quad): [number, number] {
  return [(q[0] + q[2] + q[4] + q[6]) / 4, (q[1] + q[3] + q[5] + q[7]) / 4];
}

function inside([x, y]: [number, number], r: Rect): boolean {
  return x > r[0] && x < r[2] && y > r[1] && y < r[3];
}

function glyphsOf(mupdf: MuPdf, doc: MuDocument, n: number): Glyph[] {
  const page = doc.loadPage(n);
  try {
    return pageGlyphs(mupdf, page);
  } finally {
    page.destroy();
  }
}

function checkPage(
  mupdf: MuPdf,
  doc: MuDocument,
  n: number,
  boxes: RedactionBox[],
  terms: RedactionTerm[],
  found: PdfLeftovers,
): void {
  const page = doc.loadPage(n);
  try {
    const [x0, y0] = page.getBounds();
    const rects: Rect[] = boxes
      .filter((b) => b.page === n)
      .map((b) => [x0 + b.x, y0 + b.y, x0 + b.x + b.width, y0 + b.y + b.height]);
    if (rects.length > 0) {
      const text = page.toStructuredText('preserve-whitespace');
      text.walk({
        onChar: (c, _origin, _font, _size, quad) => {
          if (c.trim() !== '' && rects.some((r) => inside(centre(quad), r))) found.charsInBoxes += 1;
        },
      });
      text.destroy();
    }
    for (const term of terms) found.termHits += page.search(term.text, 'ignore-case').length;
  } finally {
    page.destroy();
  }
}

/**
 * Counts what of the boxes' text and the terms `redacted` still holds, and its glyphs `original` did not draw there
 * (nothing is changed).
 */
export async function findPdfLeftovers(
  original: Uint8Array,
  redacted: Uint8Array,
  boxes: RedactionBox[],
  terms: RedactionTerm[],
): Promise<PdfLeftovers> {
  const mupdf = await loadMupdf();
  const before = mupdf.Document.openDocument(original, 'application/pdf');
  const after = mupdf.Document.openDocument(redacted, 'application/pdf');
  const found: PdfLeftovers = { charsInBoxes: 0, termHits: 0, moved: 0 };
  try {
    if (after.countPages() !== before.countPages()) found.moved += 1;
    for (let n = 0; n < after.countPages(); n += 1) {
      checkPage(mupdf, after, n, boxes, terms, found);
      found.moved += movedGlyphs(glyphsOf(mupdf, before, n), glyphsOf(mupdf, after, n)).length;
    }
  } finally {
    after.destroy();
    before.destroy();
  }
  return found;
}

/**
 * Refuses (INVALID_INPUT, nothing stored) a redacted PDF that still shows text under a box or a term, or whose
 * remaining text was moved.
 */
export async function checkPdfRedacted(
  original: Uint8Array,
  redacted: Uint8Array,
  boxes: RedactionBox[],
  terms: RedactionTerm[],
): Promise<void> {
  const left = await findPdfLeftovers(original, redacted, boxes, terms);
  if (left.moved > 0) {
    throw new VigilError(
      'INVALID_INPUT',
      `MuPDF could not redact this PDF faithfully: rewriting its pages moved ${left.moved} character(s) ` +
        `instead of keeping them in place, so what it removed cannot be trusted. Nothing was stored. Print the ` +
        `PDF to a new PDF, add that as an item, and redact it.`,
    );
  }
  if (left.charsInBoxes > 0 || left.termHits > 0) {
    throw new VigilError(
      'INVALID_INPUT',
      `The redacted copy still holds ${left.charsInBoxes} character(s) under the boxes and ${left.termHits} ` +
        `occurrence(s) of the names; nothing was stored. Print the PDF to a new PDF, add that as an item, and ` +
        `redact it.`,
    );
  }
}

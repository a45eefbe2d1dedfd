/**
 * True PDF redaction with MuPDF: Redact annotations over the boxes and over every hit of the
 * terms, then MuPDF's applyRedactions, which removes the text under them from the content
 * streams, blanks the image pixels under them and removes line art they cover, and paints a
 * black box in their place. Nothing is drawn over content that stays. All in memory.
 */
import type { Document as MuDocument, PDFDocument, PDFPage, Quad, Rect } from 'mupdf';
import { VigilError } from '../../../shared/errors';
import type { RedactionBox } from '../../../shared/redaction';
import { loadMupdf, type MuPdf } from './mupdf';
import { checkPdfRedacted } from './pdf-check';
import { stripPdfExtras } from './pdf-extras';
import type { RedactionTerm } from './redaction-types';

/** What a PDF redaction did: the new bytes, and how many areas were removed (per label for terms). */
interface PdfRedactionResult {
  bytes: Buffer;
  pageCount: number;
  boxes: number;
  hits: Map<string, number>;
}

// MuPDF's search answers at most 500 hits a call; a page is searched again after each round.
const MAX_SEARCH_ROUNDS = 50;

/** Opens PDF bytes, refusing what MuPDF cannot read or what needs a password. */
function openPdf(mupdf: MuPdf, bytes: Uint8Array): PDFDocument {
  let doc: MuDocument;
  try {
    doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch (cause) {
    throw new VigilError(
      'INVALID_INPUT',
      'The item is not a PDF that can be read, so it cannot be redacted. Redact an export of it instead.',
      { cause },
    );
  }
  const pdf = doc.asPDF();
  if (!pdf) throw new VigilError('INVALID_INPUT', 'The item is not a PDF, so it cannot be redacted as one.');
  if (pdf.needsPassword()) {
    pdf.destroy();
    throw new VigilError(
      'INVALID_INPUT',
      'The PDF is password-protected; it cannot be redacted. Store an unprotected copy as its own item and ' +
        'redact that.',
    );
  }
  return pdf;
}

/** A box as a MuPDF page rectangle (the page's own origin added), clipped to the page; refuses one outside it. */
function pageRect(box: RedactionBox, bounds: Rect, index: number): Rect {
  const [x0, y0, x1, y1] = bounds;
  const rect: Rect = [
    Math.max(x0, x0 + box.x),
    Math.max(y0, y0 + box.y),
    Math.min(x1, x0 + box.x + box.width),
    Math.min(y1, y0 + box.y + box.height),
  ];
  if (rect[2] - rect[0] <= 0 || rect[3] - rect[1] <= 0) {
    throw new VigilError(
      'INVALID_INPUT',
      `Box ${index + 1} lies outside page ${box.page} (${Math.round(x1 - x0)} × ${Math.round(y1 - y0)} ` +
        `points); nothing was redacted.`,
    );
  }
  return rect;
}

function markTerm(page: PDFPage, term: RedactionTerm, hits: Map<string, number>): number {
  const found = page.search(term.text, 'ignore-case') as Quad[][];
  for (const hit of found) page.createAnnotation('Redact').setQuadPoints(hit);
  hits.set(term.label, (hits.get(term.label) ?? 0) + found.length);
  return found.length;
}

function applyOn(mupdf: MuPdf, page: PDFPage): void {
  const P = mupdf.PDFPage;
  page.applyRedactions(true, P.REDACT_IMAGE_PIXELS, P.REDACT_LINE_ART_REMOVE_IF_COVERED, P.REDACT_TEXT_REMOVE);
}

/**
 * The boxes first, then each term, longest first, each applied before the next is searched:
 * a shorter alias inside a longer name ("Olena" in "Olena Petrenko") is then not counted twice.
 */
function redactPage(
  mupdf: MuPdf,
  page: PDFPage,
  boxes: { box: RedactionBox; index: number }[],
  terms: RedactionTerm[],
  hits: Map<string, number>,
): void {
  const bounds = page.getBounds();
  for (const { box, index } of boxes) page.createAnnotation('Redact').setRect(pageRect(box, bounds, index));
  if (boxes.length > 0) applyOn(mupdf, page);
  for (const term of [...terms].sort((a, b) => b.text.length - a.text.length)) {
    for (let round = 0; markTerm(page, term, hits) > 0; round += 1) {
      if (round >= MAX_SEARCH_ROUNDS)
        throw new VigilError(
          'INVALID_INPUT',
          'A page has too many occurrences of the names to redact them all; nothing was stored.',
        );
      applyOn(mupdf, page);
    }
  }
}

/**
 * The PDF with the boxes and every occurrence of the terms (case-insensitive, also inside
 * longer words) removed; annotations and form fields are first baked into the pages so that
 * what shows under a box goes too. The copy is checked again before it is returned.
 */
export async function redactPdf(
  input: Uint8Array,
  boxes: RedactionBox[],
  terms: RedactionTerm[],
): Promise<PdfRedactionResult> {
  const mupdf = await loadMupdf();
  const pdf = openPdf(mupdf, input);
  try {
    const pageCount = pdf.countPages();
    const outside = boxes.findIndex((b) => b.page >= pageCount);
    if (outside >= 0)
      throw new VigilError(
        'INVALID_INPUT',
        `Box ${outside + 1} is on page ${boxes[outside]?.page} but the PDF has ${pageCount} page(s), numbered ` +
          `from 0; nothing was redacted.`,
      );
    pdf.bake(true, true);
    const hits = new Map<string, number>();
    for (let n = 0; n < pageCount; n += 1) {
      const onPage = boxes.map((box, index) => ({ box, index })).filter((b) => b.box.page === n);
      if (onPage.length === 0 && terms.length === 0) continue;
      const page = pdf.loadPage(n);
      try {
        redactPage(mupdf, page, onPage, terms, hits);
      } finally {
        page.destroy();
      }
    }
    stripPdfExtras(pdf);
    const saved = pdf.saveToBuffer('garbage=4,compress');
    const bytes = Buffer.from(saved.asUint8Array());
    saved.destroy();
    await checkPdfRedacted(input, bytes, boxes, terms);
    return { bytes, pageCount, boxes: boxes.length, hits };
  } finally {
    pdf.destroy();
  }
}

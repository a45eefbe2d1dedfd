/**
 * Checks a redacted PDF from its saved bytes, as a recipient would read it: no character
 * whose centre lies inside a box, and no hit of a redacted term, may remain. A copy that
 * fails is refused before anything is stored.
 */
import type { Quad, Rect } from 'mupdf';
import { VigilError } from '../../../shared/errors';
import type { RedactionBox } from '../../../shared/redaction';
import { loadMupdf } from './mupdf';
import type { RedactionTerm } from './redaction-types';

/** What remains where nothing should: characters inside boxes (by box index) and term hits (by label). */
export interface PdfLeftovers {
  charsInBoxes: number;
  termHits: number;
}

function centre(q: Quad): [number, number] {
  return [(q[0] + q[2] + q[4] + q[6]) / 4, (q[1] + q[3] + q[5] + q[7]) / 4];
}

function inside([x, y]: [number, number], r: Rect): boolean {
  return x > r[0] && x < r[2] && y > r[1] && y < r[3];
}

/** Counts what of the boxes' text and the terms a PDF still holds (nothing is changed). */
export async function findPdfLeftovers(bytes: Uint8Array, boxes: RedactionBox[], terms: RedactionTerm[]): Promise<PdfLeftovers> {
  const mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const found: PdfLeftovers = { charsInBoxes: 0, termHits: 0 };
  try {
    for (let n = 0; n < doc.countPages(); n += 1) {
      const onPage = boxes.filter((b) => b.page === n);
      if (onPage.length === 0 && terms.length === 0) continue;
      const page = doc.loadPage(n);
      try {
        const [x0, y0] = page.getBounds();
        const rects: Rect[] = onPage.map((b) => [x0 + b.x, y0 + b.y, x0 + b.x + b.width, y0 + b.y + b.height]);
        if (rects.length > 0) {
          const text = page.toStructuredText('preserve-whitespace');
          text.walk({ onChar: (c, _origin, _font, _size, quad) => { if (c.trim() !== '' && rects.some((r) => inside(centre(quad), r))) found.charsInBoxes += 1; } });
          text.destroy();
        }
        for (const term of terms) found.termHits += page.search(term.text, 'ignore-case').length;
      } finally {
        page.destroy();
      }
    }
  } finally {
    doc.destroy();
  }
  return found;
}

/** Refuses (INTERNAL, nothing stored) a redacted PDF that still shows text under a box or a redacted term. */
export async function checkPdfRedacted(bytes: Uint8Array, boxes: RedactionBox[], terms: RedactionTerm[]): Promise<void> {
  const left = await findPdfLeftovers(bytes, boxes, terms);
  if (left.charsInBoxes > 0 || left.termHits > 0) {
    throw new VigilError('INTERNAL', `The redacted copy still holds ${left.charsInBoxes} character(s) under the boxes and ${left.termHits} occurrence(s) of the names; it was not stored. Report this with the item's id.`);
  }
}

/**
 * Every glyph a PDF page shows (or hides: invisible text counts too), with its origin in page
 * space, as MuPDF's interpreter runs the page. Unlike extracted text, this is not clipped to
 * the page, so text moved off the page is still seen.
 */
import type { Matrix, Page, Text } from 'mupdf';
import type { MuPdf } from './mupdf';

/** One glyph: its Unicode code point (or -1) and its origin in page space. */
export interface Glyph {
  u: number;
  x: number;
  y: number;
}

function origin(trm: Matrix, ctm: Matrix): [number, number] {
  const [x, y] = [trm[4], trm[5]];
  return [x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]];
}

/** The glyphs of `page`, in drawing order. */
export function pageGlyphs(mupdf: MuPdf, page: Page): Glyph[] {
  const glyphs: Glyph[] = [];
  const take = (text: Text, ctm: Matrix): void => {
    text.walk({
      showGlyph: (_font, trm, _glyph, unicode) => {
        const [x, y] = origin(trm, ctm);
        glyphs.push({ u: unicode, x, y });
      },
    });
  };
  const device = new mupdf.Device({
    fillText: (text, ctm) => take(text, ctm),
    strokeText: (text, _stroke, ctm) => take(text, ctm),
    clipText: (text, ctm) => take(text, ctm),
    clipStrokeText: (text, _stroke, ctm) => take(text, ctm),
    ignoreText: (text, ctm) => take(text, ctm),
  });
  try {
    page.run(device, mupdf.Matrix.identity);
    device.close();
  } finally {
    device.destroy();
  }
  return glyphs;
}

/**
 * How far (points) a kept glyph may be from where the original drew it: rewriting the content keeps positions up to
 * rounding.
 */
const SAME_PLACE = 0.05;

/** The glyphs of `after` that `before` did not draw at the same place (each of `before` matched at most once). */
export function movedGlyphs(before: Glyph[], after: Glyph[]): Glyph[] {
  const byCode = new Map<number, Glyph[]>();
  for (const g of before) {
    const list = byCode.get(g.u);
    if (list) list.push(g);
    else byCode.set(g.u, [g]);
  }
  const moved: Glyph[] = [];
  for (const g of after) {
    const candidates = byCode.get(g.u) ?? [];
    const i = candidates.findIndex((c) => Math.abs(c.x - g.x) <= SAME_PLACE && Math.abs(c.y - g.y) <= SAME_PLACE);
    if (i < 0) moved.push(g);
    else candidates.splice(i, 1);
  }
  return moved;
}

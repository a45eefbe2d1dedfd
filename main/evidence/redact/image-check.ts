/**
 * Checks a redacted image from its encoded bytes, as a recipient would decode them: every
 * pixel inside every box must be opaque black. A copy that fails is refused before it is stored.
 */
import { VigilError } from '../../../shared/errors';
import { loadMupdf } from './mupdf';

/** How many pixels inside the rectangles ([x0, y0, x1, y1), in pixels) are not opaque black. */
export async function countUnburned(bytes: Uint8Array, rects: [number, number, number, number][]): Promise<number> {
  const mupdf = await loadMupdf();
  const image = new mupdf.Image(bytes);
  const pix = image.toPixmap();
  try {
    const n = pix.getNumberOfComponents();
    const alpha = pix.getAlpha() > 0;
    const stride = pix.getStride();
    const px = pix.getPixels();
    let wrong = 0;
    for (const [x0, y0, x1, y1] of rects) {
      for (let y = y0; y < Math.min(y1, pix.getHeight()); y += 1) {
        for (let x = x0; x < Math.min(x1, pix.getWidth()); x += 1) {
          const at = y * stride + x * n;
          for (let c = 0; c < n; c += 1) {
            if (px[at + c] !== (alpha && c === n - 1 ? 255 : 0)) {
              wrong += 1;
              break;
            }
          }
        }
      }
    }
    return wrong;
  } finally {
    pix.destroy();
    image.destroy();
  }
}

/** Refuses (INTERNAL, nothing stored) a redacted image with any pixel under a box that is not opaque black. */
export async function checkImageRedacted(bytes: Uint8Array, rects: [number, number, number, number][]): Promise<void> {
  const wrong = await countUnburned(bytes, rects);
  if (wrong > 0)
    throw new VigilError(
      'INTERNAL',
      `The redacted image still shows ${wrong} pixel(s) under the boxes; it was not stored. Report this with ` +
        `the item's id.`,
    );
}

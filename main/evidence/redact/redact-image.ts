/**
 * Image redaction: the image is decoded (MuPDF: JPEG, PNG, GIF, BMP, TIFF, …), turned as its
 * EXIF orientation says, the boxes are burned into the pixels as opaque black, and the result
 * is encoded as PNG, which carries no EXIF, GPS, XMP or comments: nothing of the original
 * file but its visible pixels goes into the copy. Lossless, so a box stays uniform. In memory.
 */
import type { Image as MuImage, Pixmap } from 'mupdf';
import { VigilError } from '../../../shared/errors';
import type { RedactionBox } from '../../../shared/redaction';
import { orientedSize, orientPixels, readOrientation } from './image-orientation';
import { checkImageRedacted } from './image-check';
import { loadMupdf } from './mupdf';

/** Larger images are refused rather than decoded whole (about 1.2 GB of RGBA). */
const MAX_REDACT_PIXELS = 300_000_000;

/** A redacted image: PNG bytes and its (displayed) size. */
interface ImageRedactionResult {
  bytes: Buffer;
  width: number;
  height: number;
}

/** A box as whole pixels [x0, y0, x1, y1) within a `w` × `h` image; refuses one outside it. */
function pixelRect(box: RedactionBox, w: number, h: number, index: number): [number, number, number, number] {
  if (box.page !== 0)
    throw new VigilError(
      'INVALID_INPUT',
      `Box ${index + 1} is on page ${box.page}, but an image has only page 0; nothing was redacted.`,
    );
  // Outwards to whole pixels: a pixel the box touches at all is removed.
  const r: [number, number, number, number] = [
    Math.max(0, Math.floor(box.x)),
    Math.max(0, Math.floor(box.y)),
    Math.min(w, Math.ceil(box.x + box.width)),
    Math.min(h, Math.ceil(box.y + box.height)),
  ];
  if (r[2] <= r[0] || r[3] <= r[1])
    throw new VigilError(
      'INVALID_INPUT',
      `Box ${index + 1} lies outside the image (${w} × ${h} pixels); nothing was redacted.`,
    );
  return r;
}

function burn(
  pixels: Uint8Array,
  W: number,
  n: number,
  alpha: boolean,
  [x0, y0, x1, y1]: [number, number, number, number],
): void {
  const black = new Uint8Array(n);
  if (alpha) black[n - 1] = 255;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) pixels.set(black, (y * W + x) * n);
  }
}

function decode(mupdf: Awaited<ReturnType<typeof loadMupdf>>, input: Uint8Array): Pixmap {
  let image: MuImage;
  try {
    image = new mupdf.Image(input);
  } catch (cause) {
    throw new VigilError(
      'INVALID_INPUT',
      'The item is not an image that can be read (JPEG, PNG, GIF, BMP or TIFF), so it cannot be redacted.',
      { cause },
    );
  }
  try {
    if (image.getWidth() * image.getHeight() > MAX_REDACT_PIXELS)
      throw new VigilError('INVALID_INPUT', 'The image is too large to redact (over 300 million pixels).');
    const raw = image.toPixmap();
    const rgb = raw.convertToColorSpace(mupdf.ColorSpace.DeviceRGB, true);
    raw.destroy();
    return rgb;
  } finally {
    image.destroy();
  }
}

/** The image with every box burned in black, as PNG without metadata. */
export async function redactImage(input: Uint8Array, boxes: RedactionBox[]): Promise<ImageRedactionResult> {
  const mupdf = await loadMupdf();
  const orientation = await readOrientation(input);
  const pix = decode(mupdf, input);
  let pixels: Uint8Array;
  let size: [number, number];
  let n: number;
  let alpha: boolean;
  try {
    // MuPDF's n counts the alpha channel too.
    n = pix.getNumberOfComponents();
    alpha = pix.getAlpha() > 0;
    size = orientedSize(pix.getWidth(), pix.getHeight(), orientation);
    const px = pix.getPixels();
    pixels = orientPixels(
      new Uint8Array(px.buffer, px.byteOffset, px.byteLength),
      pix.getWidth(),
      pix.getHeight(),
      n,
      pix.getStride(),
      orientation,
    );
  } finally {
    pix.destroy();
  }
  const [W, H] = size;
  const rects = boxes.map((b, i) => pixelRect(b, W, H, i));
  for (const r of rects) burn(pixels, W, n, alpha, r);
  const out = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, W, H], alpha);
  try {
    if (out.getStride() !== W * n)
      throw new VigilError('INTERNAL', 'The image could not be re-encoded; nothing was stored.');
    out.getPixels().set(pixels);
    const bytes = Buffer.from(out.asPNG());
    await checkImageRedacted(bytes, rects);
    return { bytes, width: W, height: H };
  } finally {
    out.destroy();
  }
}

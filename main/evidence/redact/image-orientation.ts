/**
 * EXIF orientation (tag 0x0112): how a camera's stored pixels are turned for display.
 * Browsers show images turned, so boxes drawn in the app are in the turned grid; the
 * redacted copy is written turned, without the tag (its metadata is not kept).
 */

/** The EXIF orientation of image bytes, 1 (as stored) when there is none or it cannot be read. */
export async function readOrientation(bytes: Uint8Array): Promise<number> {
  // Loaded on first use, not when the core starts; outside the try (a library that cannot load is an error, not "no
  // tag"). Through require(), not import(): the bundles then load its CommonJS build, as for every other dependency.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exifr = require('exifr') as typeof import('exifr');
  try {
    const value: unknown = await exifr.orientation(bytes);
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8 ? value : 1;
  } catch {
    return 1;
  }
}

/** The displayed size of a `w` × `h` image under an orientation (5 to 8 swap the sides). */
export function orientedSize(w: number, h: number, orientation: number): [number, number] {
  return orientation >= 5 ? [h, w] : [w, h];
}

/** Where the stored pixel of displayed pixel (x, y) is, for a stored image of `w` × `h`. */
function sourceOf(x: number, y: number, w: number, h: number, orientation: number): [number, number] {
  switch (orientation) {
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [y, h - 1 - x];
    case 7:
      return [w - 1 - y, h - 1 - x];
    case 8:
      return [w - 1 - y, x];
    default:
      return [x, y];
  }
}

/** Pixels (`n` bytes each, rows `stride` bytes apart) turned for display, in rows without padding. */
export function orientPixels(
  src: Uint8Array,
  w: number,
  h: number,
  n: number,
  stride: number,
  orientation: number,
): Uint8Array {
  const [W, H] = orientedSize(w, h, orientation);
  const out = new Uint8Array(W * H * n);
  if (orientation === 1 || orientation < 1 || orientation > 8) {
    for (let y = 0; y < h; y += 1) out.set(src.subarray(y * stride, y * stride + w * n), y * w * n);
    return out;
  }
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < W; x += 1) {
      const [sx, sy] = sourceOf(x, y, w, h, orientation);
      const from = sy * stride + sx * n;
      out.set(src.subarray(from, from + n), (y * W + x) * n);
    }
  }
  return out;
}

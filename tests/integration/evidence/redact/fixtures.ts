/**
 * Real files for the redaction tests: PDFs written with pdfkit, images encoded with MuPDF, a JPEG with EXIF and GPS.
 */
import PDFDocument from 'pdfkit';
import { loadMupdf } from '../../../../main/evidence/redact/mupdf';
import { makeJpegWithExif } from '../../../unit/ingest/fixtures';
import { seededRandom } from '../../../helpers/random';

/** Where the PDF fixture puts things (points from the page's top-left corner, y down). */
export const PDF_LAYOUT = {
  nameLine: { x: 72, y: 100, width: 300, height: 20 },
  image: { x: 72, y: 300, width: 160, height: 120 },
};

/** Random-looking RGB pixels of `w` × `h`, encoded by MuPDF as PNG or JPEG. */
export async function noiseImage(w: number, h: number, format: 'png' | 'jpeg', seed = 7): Promise<Buffer> {
  const mupdf = await loadMupdf();
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, w, h], false);
  const rnd = seededRandom(seed);
  const px = pix.getPixels();
  for (let i = 0; i < px.length; i += 1) px[i] = 40 + Math.floor(rnd() * 200);
  const bytes = Buffer.from(format === 'png' ? pix.asPNG() : pix.asJPEG(92));
  pix.destroy();
  return bytes;
}

/** A real JPEG of `w` × `h` noise carrying the EXIF block of makeJpegWithExif (camera, GPS, orientation 6). */
export async function jpegWithGps(w: number, h: number): Promise<Buffer> {
  const jpeg = await noiseImage(w, h, 'jpeg');
  const exif = makeJpegWithExif();
  const app1 = exif.subarray(2, exif.length - 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/**
 * Two A4 pages: page 0 names Olena Petrenko on its first line, holds a noise image, and keeps
 * a line that must survive; page 1 names her again (as "OLENA PETRENKO" and by her alias).
 * The author in the document information names her too.
 */
export async function pdfFixture(): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Author: 'Olena Petrenko', Title: 'Statement of Olena Petrenko' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const { nameLine, image } = PDF_LAYOUT;
  doc.fontSize(14).text('Olena Petrenko was held at the colony.', nameLine.x, nameLine.y + 3, { lineBreak: false });
  doc.text('The request register stays visible.', 72, 200, { lineBreak: false });
  doc.image(await noiseImage(160, 120, 'png'), image.x, image.y, { width: image.width, height: image.height });
  doc.addPage();
  doc.text('Later OLENA PETRENKO wrote to Lena P. again.', 72, 100, { lineBreak: false });
  doc.text('Nothing else here is secret.', 72, 160, { lineBreak: false });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A binary PPM (pdftoppm's output) as width, height and RGB bytes. */
export function parsePpm(ppm: Buffer): { width: number; height: number; rgb: Buffer } {
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error('not a binary PPM');
  return { width: Number(m[1]), height: Number(m[2]), rgb: ppm.subarray(m[0].length) };
}

/** The distinct colours inside [x0, y0, x1, y1) of an RGB raster. */
export function coloursIn(img: { width: number; rgb: Buffer }, [x0, y0, x1, y1]: number[], n = 3): Set<string> {
  const seen = new Set<string>();
  for (let y = y0 ?? 0; y < (y1 ?? 0); y += 1) {
    for (let x = x0 ?? 0; x < (x1 ?? 0); x += 1) {
      const at = (y * img.width + x) * n;
      seen.add(img.rgb.subarray(at, at + n).toString('hex'));
    }
  }
  return seen;
}

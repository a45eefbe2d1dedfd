/** Reading a report PDF with poppler-utils, as a reader's tools would: its text, its pages as pictures. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The text of a PDF (or of one page) as pdftotext extracts it, with runs of white space made one space. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const run = spawnSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout.replace(/\s+/g, ' ');
}

/** The number of pages pdfinfo reports. */
export function pdfPages(file: string): number {
  const run = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(run.stdout)?.[1];
  if (run.status !== 0 || pages === undefined) throw new Error(`pdfinfo failed: ${run.stderr}`);
  return Number(pages);
}

/** Renders one page with pdftoppm to `<prefix>.png` (or .ppm) at `dpi`, and returns the file. */
export function renderPage(
  file: string,
  page: number,
  dpi: number,
  prefix: string,
  format: 'png' | 'ppm' = 'png',
): string {
  const args = [
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    ...(format === 'png' ? ['-png'] : []),
    file,
    prefix,
  ];
  const run = spawnSync('pdftoppm', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
  return `${prefix}.${format}`;
}

/** An RGB picture read from a binary PPM (P6) file. */
export interface Picture {
  width: number;
  height: number;
  pixel: (x: number, y: number) => [number, number, number];
}

/** Reads a P6 PPM as pdftoppm writes it (no comments, maxval 255). */
export function readPpm(file: string): Picture {
  const bytes = readFileSync(file);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`${path.basename(file)} is not a P6 PPM`);
  const [all, w = '0', h = '0'] = header;
  const width = Number(w);
  const offset = all.length;
  return {
    width,
    height: Number(h),
    pixel: (x, y) => {
      const i = offset + (y * width + x) * 3;
      return [bytes[i] ?? 0, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0];
    },
  };
}

/** How many pixels of a picture are clearly red-tinted (the chart's bands and contact marks). */
export function reddishPixels(pic: Picture): number {
  let n = 0;
  for (let y = 0; y < pic.height; y++) {
    for (let x = 0; x < pic.width; x++) {
      const [r, g, b] = pic.pixel(x, y);
      if (r > 180 && r - g > 25 && r - b > 25) n++;
    }
  }
  return n;
}

/**
 * Small real files for item tests (a PNG and a PDF written here, a text file, a WebM the
 * browser records).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real RGB PNG of `width`×`height`: a calm gradient with a dark band (so a viewer shows something). */
export function makePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = Math.abs(y - height / 2) < height / 10;
      row.set(
        band ? [30, 60, 70] : [40 + Math.round((160 * x) / width), 150, 140 + Math.round((80 * y) / height)],
        1 + x * 3,
      );
    }
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real one-page PDF showing `lines` in Helvetica (objects and cross-reference table written by hand). */
export function makePdf(lines: string[]): Buffer {
  const escape = (t: string): string => t.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = ['BT', '/F1 18 Tf', '72 720 Td', '24 TL', ...lines.map((l) => `(${escape(l)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f ` +
    `\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Writes a PNG, a text file and a PDF into `dir`; returns their paths. */
export function writeSampleFiles(dir: string): { png: string; text: string; pdf: string } {
  const png = path.join(dir, 'cell-window.png');
  const text = path.join(dir, 'visit-log.txt');
  const pdf = path.join(dir, 'court-ruling.pdf');
  writeFileSync(
    pdf,
    makePdf([
      'Regional court (fictional)',
      'Ruling on the complaint of 2026-03-02',
      'The complaint is left without consideration.',
    ]),
  );
  writeFileSync(png, makePng(320, 200));
  writeFileSync(
    text,
    'Visit log (fictional)\n\n2026-03-02: lawyer refused entry at the gate.\n2026-03-09: parcel returned unopened.\n',
  );
  return { png, text, pdf };
}

/**
 * Runs in a blank page: records a canvas whose colour changes every frame through
 * MediaRecorder and returns the WebM bytes. Kept as text because this file is type-checked
 * for Node, without the browser's types.
 */
const RECORD_WEBM = `async ({ width, height, ms }) => {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  document.body.append(canvas);
  const draw = canvas.getContext('2d');
  let frame = 0;
  const paint = () => {
    draw.fillStyle = 'hsl(' + ((frame * 12) % 360) + ', 55%, 45%)';
    draw.fillRect(0, 0, width, height);
    frame++;
  };
  paint();
  const timer = setInterval(paint, 40);
  const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
  const parts = [];
  recorder.ondataavailable = (e) => parts.push(e.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start(100);
  await new Promise((resolve) => setTimeout(resolve, ms));
  recorder.stop();
  await stopped;
  clearInterval(timer);
  return [...new Uint8Array(await new Blob(parts).arrayBuffer())];
}`;

/**
 * A real WebM video (VP8, `width`×`height`, about `ms` long) recorded by the browser itself
 * on a blank page of a context of its own (no app, no CSP): no video tool is needed.
 */
export async function recordWebm(browser: Browser, width: number, height: number, ms: number): Promise<Buffer> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const bytes = (await page.evaluate(`(${RECORD_WEBM})(${JSON.stringify({ width, height, ms })})`)) as number[];
    return Buffer.from(bytes);
  } finally {
    await context.close();
  }
}

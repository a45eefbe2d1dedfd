/**
 * Builders for ingest test fixtures, written byte by byte so that every test
 * knows exactly what its input holds: a one-page PDF, ZIP/DOCX archives (with
 * honest or lying size fields) and a JPEG carrying EXIF and GPS tags.
 */
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temp folder and a function that removes it. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes bytes to dir/name and returns the path. */
export function writeFixture(dir: string, name: string, data: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

/** A valid one-page PDF whose page shows `lines` (ASCII), with an info dictionary. */
export function makePdf(
  lines: string[],
  info = '<< /CreationDate (D:20210304101112Z) /Title (Letter) /Author (A. Person) >>',
): Buffer {
  const ops = lines.map((l, i) => `BT /F1 12 Tf 72 ${700 - i * 20} Td (${l}) Tj ET`).join('\n');
  return makePdfWithContent(Buffer.from(ops, 'latin1'), '', info);
}

/**
 * A one-page PDF whose content stream is `content` as given (e.g. deflated, with `filter` = '/Filter /FlateDecode').
 */
export function makePdfWithContent(content: Buffer, filter: string, info = '<< >>'): Buffer {
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} ${filter} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    info,
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof o === 'string' ? Buffer.from(o, 'latin1') : o,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(part);
    length += part.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f ` +
    `\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(xref + trailer, 'latin1')]);
}

/**
 * Raw deflate of `gib` GiB of zeros in ~1 MiB per GiB: one 16 MiB block, fully flushed, repeated (then a final empty
 * block).
 */
export function zeroBomb(gib: number): { raw: Buffer; size: number; crc: number } {
  const block = deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  const count = gib * 64;
  return {
    raw: Buffer.concat([...Array<Buffer>(count).fill(block), Buffer.from([0x03, 0x00])]),
    size: Math.min(count * 16 * 1024 * 1024, 0xfffffffe),
    crc: 0,
  };
}

/** One ZIP entry to write; `declaredSize` overrides the honest uncompressed size (to make a lying archive). */
export interface ZipInput {
  name: string;
  data?: Buffer;
  /** Already-deflated bytes with their real inflated size (for big bombs built by streaming). */
  deflated?: { raw: Buffer; size: number; crc: number };
  declaredSize?: number;
  store?: boolean;
}

/** A ZIP archive with local headers, a central directory and an end record. */
export function makeZip(inputs: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = input.data ?? Buffer.alloc(0);
    const raw = input.deflated?.raw ?? (input.store ? data : deflateRawSync(data));
    const size = input.declaredSize ?? input.deflated?.size ?? data.length;
    const crc = input.deflated?.crc ?? crc32(data);
    const method = input.store ? 0 : 8;
    const name = Buffer.from(input.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(raw.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, raw);
    centrals.push(central, name);
    offset += local.length + name.length + raw.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES =
  `<?xml version="1.0" encoding="UTF-8"?><Types ` +
  `xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ` +
  `ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ` +
  `ContentType="application/xml"/><Override PartName="/word/document.xml" ` +
  `ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const ROOT_RELS =
  `<?xml version="1.0" encoding="UTF-8"?><Relationships ` +
  `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ` +
  `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ` +
  `Target="word/document.xml"/></Relationships>`;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A minimal real DOCX with one paragraph per string, plus core properties (dates and author). */
export function makeDocx(paragraphs: string[], extra: ZipInput[] = []): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  const doc =
    `<?xml version="1.0" encoding="UTF-8"?><w:document ` +
    `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  const core =
    `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties ` +
    `xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Jane ` +
    `Author</dc:creator><cp:lastModifiedBy>John Editor</cp:lastModifiedBy><dcterms:created ` +
    `xsi:type="dcterms:W3CDTF">2020-05-06T07:08:09Z</dcterms:created><dcterms:modified ` +
    `xsi:type="dcterms:W3CDTF">2020-05-07T00:00:00Z</dcterms:modified></cp:coreProperties>`;
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'word/document.xml', data: Buffer.from(doc) },
    { name: 'docProps/core.xml', data: Buffer.from(core) },
    ...extra,
  ]);
}

interface Tag {
  tag: number;
  type: 1 | 2 | 3 | 4 | 5;
  value: string | number | number[];
}

const TYPE_SIZE = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 } as const;

function tagBytes(t: Tag): Buffer {
  if (t.type === 2) return Buffer.from(`${String(t.value)}\0`, 'latin1');
  const values = Array.isArray(t.value) ? t.value : [t.value as number];
  if (t.type === 5) {
    const b = Buffer.alloc(values.length * 8);
    values.forEach((v, i) => {
      b.writeUInt32LE(Math.round(v * 1000), i * 8);
      b.writeUInt32LE(1000, i * 8 + 4);
    });
    return b;
  }
  const size = TYPE_SIZE[t.type];
  const b = Buffer.alloc(values.length * size);
  values.forEach((v, i) =>
    size === 1 ? b.writeUInt8(v, i) : size === 2 ? b.writeUInt16LE(v, i * 2) : b.writeUInt32LE(v, i * 4),
  );
  return b;
}

function ifdSize(tags: Tag[]): number {
  return (
    2 +
    tags.length * 12 +
    4 +
    tags.reduce((n, t) => n + (tagBytes(t).length > 4 ? tagBytes(t).length + (tagBytes(t).length % 2) : 0), 0)
  );
}

// An IFD at `offset` (from the TIFF header) with its out-of-line values right after it.
function buildIfd(tags: Tag[], offset: number): Buffer {
  const head = Buffer.alloc(2 + tags.length * 12 + 4);
  const extra: Buffer[] = [];
  let dataAt = offset + head.length;
  head.writeUInt16LE(tags.length, 0);
  tags.forEach((t, i) => {
    const bytes = tagBytes(t);
    const at = 2 + i * 12;
    head.writeUInt16LE(t.tag, at);
    head.writeUInt16LE(t.type, at + 2);
    head.writeUInt32LE(bytes.length / TYPE_SIZE[t.type], at + 4);
    if (bytes.length <= 4) bytes.copy(head, at + 8);
    else {
      head.writeUInt32LE(dataAt, at + 8);
      const padded = bytes.length % 2 ? Buffer.concat([bytes, Buffer.alloc(1)]) : bytes;
      extra.push(padded);
      dataAt += padded.length;
    }
  });
  return Buffer.concat([head, ...extra]);
}

/** A tiny JPEG (no image data needed by EXIF readers) with camera, date and GPS tags. */
export function makeJpegWithExif(): Buffer {
  const ifd0: Tag[] = [
    { tag: 0x010f, type: 2, value: 'TestCam' },
    { tag: 0x0110, type: 2, value: 'Model 7' },
    { tag: 0x0112, type: 3, value: 6 },
    { tag: 0x8769, type: 4, value: 0 },
    { tag: 0x8825, type: 4, value: 0 },
  ];
  const exif: Tag[] = [
    { tag: 0x9003, type: 2, value: '2021:03:04 10:11:12' },
    { tag: 0x9004, type: 2, value: '2021:03:04 10:11:13' },
  ];
  const gps: Tag[] = [
    { tag: 0x0001, type: 2, value: 'N' },
    { tag: 0x0002, type: 5, value: [55, 45, 36] },
    { tag: 0x0003, type: 2, value: 'E' },
    { tag: 0x0004, type: 5, value: [37, 37, 0] },
    { tag: 0x0005, type: 1, value: 0 },
    { tag: 0x0006, type: 5, value: 156.5 },
  ];
  const exifAt = 8 + ifdSize(ifd0);
  const gpsAt = exifAt + ifdSize(exif);
  ifd0[3] = { tag: 0x8769, type: 4, value: exifAt };
  ifd0[4] = { tag: 0x8825, type: 4, value: gpsAt };
  const tiff = Buffer.concat([
    Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
    buildIfd(ifd0, 8),
    buildIfd(exif, exifAt),
    buildIfd(gps, gpsAt),
  ]);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(app1.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), len, app1, Buffer.from([0xff, 0xd9])]);
}

/**
 * A valid PDF of `pages` pages, each with one line of text, written by hand (large documents without a PDF library).
 */
export function makeManyPagePdf(pages: number): Buffer {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
  const kids = Array.from({ length: pages }, (_, i) => `${4 + 2 * i} 0 R`).join(' ');
  objects.push(
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  );
  for (let i = 0; i < pages; i += 1) {
    const content = `BT /F1 12 Tf 72 700 Td (Page ${i + 1} of the request register) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${5 + 2 * i} 0 R /Resources << /Font << ` +
        `/F1 3 0 R >> >> >>`,
    );
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  const parts: string[] = ['%PDF-1.4\n'];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = `${i + 1} 0 obj\n${o}\nendobj\n`;
    parts.push(part);
    length += part.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f ` +
    `\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}

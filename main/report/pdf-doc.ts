/**
 * A thin layer over pdfkit for the case report: A4 pages, the two embedded
 * DejaVu faces, headings, paragraphs, tables that carry on over page breaks
 * with their header repeated, small verbatim lines shrunk to fit (hashes and
 * signatures must never wrap: a reader copies them), and a footer on every page.
 */
import type { ReportFonts } from './fonts';

/** Colours of the report, close to the overview's (Mantine red and teal). */
export const COLORS = {
  text: '#1a1b1e',
  muted: '#5c5f66',
  rule: '#adb5bd',
  shade: '#f1f3f5',
  red: '#f03e3e',
  teal: '#0ca678',
} as const;

/** A table column: its header and its share of the width. */
interface Column {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  weight: number;
}

/** A table row: one text per column, and an optional verbatim line across the whole row under them. */
interface Row {
  cells: string[];
  full?: string;
}

/** Longest cell text drawn; a longer one is cut (the vault and a package keep the whole text). */
const MAX_CELL_CHARS = 1500;
const PAD = 3;
const TABLE_SIZE = 8;

/** Document facts stored in the PDF's information dictionary. */
interface PdfInfo {
  title: string;
  subject: string;
  lang: string;
  created: Date;
}

/** A report document being written. */
/**
 * Text set on one line, never wrapped. pdfkit wraps any text given a width, lineBreak: false or
 * not, and breaks after a '/': a key or hash that only just fits was split across two lines.
 * Such text is sized to fit beforehand (fitSize), so it needs no width.
 */
const NO_WRAP = { lineBreak: false } as const;

export class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  constructor(fonts: ReportFonts, info: PdfInfo) {
    // pdfkit is loaded when a report is first made, not when the core starts: it takes about 80 ms to load, which
    // every command and every start of the app would pay. Through require(), not import(): the bundles then load its CommonJS build, as for every other dependency.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const PDFDocument = require('pdfkit') as typeof import('pdfkit');
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 56, left: 50, right: 50 },
      // pdfkit takes font bytes as well as names (its types say string only); no standard font is ever loaded.
      font: fonts.regular as unknown as string,
      bufferPages: true,
      lang: info.lang,
      displayTitle: true,
      info: {
        Title: info.title,
        Subject: info.subject,
        Creator: 'Vigil',
        Producer: 'Vigil',
        CreationDate: info.created,
      },
    });
    this.doc.registerFont('regular', fonts.regular);
    this.doc.registerFont('bold', fonts.bold);
    this.doc.font('regular').fillColor(COLORS.text);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.ended = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
  }

  /** Left edge of the text area. */
  get left(): number {
    return this.doc.page.margins.left;
  }

  /** Width of the text area. */
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Lowest y text may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** A section heading (level 1 starts on a fresh page when little room is left). */
  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? 15 : 11.5;
    this.ensure(level === 1 ? 120 : 70);
    if (this.doc.y > this.doc.page.margins.top) this.doc.moveDown(level === 1 ? 0.8 : 0.5);
    this.doc
      .font('bold')
      .fontSize(size)
      .fillColor(COLORS.text)
      .text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    this.doc.font('regular');
  }

  /** A paragraph of running text. */
  paragraph(text: string, opts: { size?: number; bold?: boolean; color?: string } = {}): void {
    const size = opts.size ?? 9.5;
    this.doc.font(opts.bold ? 'bold' : 'regular').fontSize(size);
    this.ensure(Math.min(this.doc.heightOfString(text, { width: this.width }), 3 * size * 1.3));
    this.doc.fillColor(opts.color ?? COLORS.text).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.35);
    this.doc.font('regular').fillColor(COLORS.text);
  }

  /**
   * Label–value lines (the cover's facts). A value without spaces (a hash, a key) is never
   * wrapped: it is set smaller where needed, so a reader can copy it whole.
   */
  facts(rows: [string, string][], size = 10, labelWidth = 140): void {
    const valueWidth = this.width - labelWidth;
    for (const [label, value] of rows) {
      const token = !/\s/.test(value);
      const valueSize = token ? this.fitSize(value, size, valueWidth) : size;
      const labelHeight = this.doc
        .font('bold')
        .fontSize(size)
        .heightOfString(label, { width: labelWidth - 8 });
      const valueHeight = token
        ? valueSize * 1.2
        : this.doc.font('regular').fontSize(size).heightOfString(value, { width: valueWidth });
      const h = Math.max(labelHeight, valueHeight, size * 1.2);
      this.ensure(h);
      const y = this.doc.y;
      this.doc
        .font('bold')
        .fontSize(size)
        .fillColor(COLORS.muted)
        .text(label, this.left, y, { width: labelWidth - 8 });
      this.doc
        .font('regular')
        .fontSize(valueSize)
        .fillColor(COLORS.text)
        .text(value, this.left + labelWidth, y + (size - valueSize) * 0.8, token ? NO_WRAP : { width: valueWidth });
      this.doc.y = y + h + 2;
    }
    this.doc.x = this.left;
  }

  /**
   * Lines a reader may copy (commands, keys, hashes, the checkpoint): each on one line, in
   * a smaller size where needed so that nothing wraps, on a shaded block.
   */
  verbatim(lines: string[], size = 8): void {
    this.doc.font('regular');
    const sizes = lines.map((line) => this.fitSize(line, size, this.width - 2 * PAD));
    const height = sizes.reduce((sum, s) => sum + s * 1.35, 0) + 2 * PAD;
    this.ensure(Math.min(height, 200));
    let y = this.doc.y;
    this.doc.rect(this.left, y, this.width, Math.min(height, this.bottom - y)).fill(COLORS.shade);
    y += PAD;
    lines.forEach((line, i) => {
      const s = sizes[i] ?? size;
      if (y + s * 1.35 > this.bottom) {
        this.doc.addPage();
        y = this.doc.y;
      }
      this.doc
        .fillColor(COLORS.text)
        .fontSize(s)
        .text(line, this.left + PAD, y, NO_WRAP);
      y += s * 1.35;
    });
    this.doc.y = y + PAD;
    this.doc.moveDown(0.4);
  }

  /** The largest size up to `max` (and at least 4.5) at which `text` fits in `width`. */
  private fitSize(text: string, max: number, width: number): number {
    this.doc.fontSize(max);
    const w = this.doc.widthOfString(text);
    return w <= width ? max : Math.max(4.5, Math.floor((max * width * 10) / w) / 10);
  }

  /** A table with a header row that is repeated on every page it runs onto. */
  /**
   * A chapter that is one table: a new page, its heading, an optional note, then the table, or
   * `empty` when there are no rows.
   */
  tableChapter(chapter: { title: string; note?: string; empty: string }, columns: Column[], rows: Row[]): void {
    this.doc.addPage();
    this.heading(chapter.title);
    if (chapter.note !== undefined) this.paragraph(chapter.note, { size: 8.5, color: COLORS.muted });
    if (rows.length === 0) return this.paragraph(chapter.empty);
    this.table(columns, rows);
  }

  table(columns: Column[], rows: Row[]): void {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    this.doc.fontSize(TABLE_SIZE);
    this.ensure(60);
    this.tableHeader(columns, widths);
    rows.forEach((row, i) => this.tableRow(row, widths, i % 2 === 1, columns));
    this.doc.x = this.left;
    this.doc.moveDown(0.6);
  }

  private tableHeader(columns: Column[], widths: number[]): void {
    const y = this.doc.y;
    this.doc.font('bold').fontSize(TABLE_SIZE).fillColor(COLORS.muted);
    const h = Math.max(
      ...columns.map((c, i) => this.doc.heightOfString(c.header, { width: (widths[i] ?? 0) - 2 * PAD })),
    );
    let x = this.left;
    columns.forEach((c, i) => {
      this.doc.text(c.header, x + PAD, y + PAD, { width: (widths[i] ?? 0) - 2 * PAD });
      x += widths[i] ?? 0;
    });
    const end = y + h + 2 * PAD;
    this.doc
      .moveTo(this.left, end)
      .lineTo(this.left + this.width, end)
      .lineWidth(0.8)
      .strokeColor(COLORS.rule)
      .stroke();
    this.doc.font('regular').fillColor(COLORS.text);
    this.doc.y = end;
  }

  private tableRow(row: Row, widths: number[], shaded: boolean, columns: Column[]): void {
    this.doc.font('regular').fontSize(TABLE_SIZE);
    const cells = row.cells.map((c) => (c.length > MAX_CELL_CHARS ? `${c.slice(0, MAX_CELL_CHARS)} […]` : c));
    const cellsHeight = Math.max(
      TABLE_SIZE,
      ...cells.map((c, i) => this.doc.heightOfString(c, { width: (widths[i] ?? 0) - 2 * PAD })),
    );
    const fullSize = row.full === undefined ? 0 : this.fitSize(row.full, 7.5, this.width - 2 * PAD);
    const height = cellsHeight + 2 * PAD + (row.full === undefined ? 0 : fullSize * 1.4);
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.tableHeader(columns, widths);
    }
    const y = this.doc.y;
    if (shaded) this.doc.rect(this.left, y, this.width, height).fill(COLORS.shade);
    this.doc.fillColor(COLORS.text).fontSize(TABLE_SIZE);
    let x = this.left;
    cells.forEach((c, i) => {
      this.doc.text(c, x + PAD, y + PAD, { width: (widths[i] ?? 0) - 2 * PAD });
      x += widths[i] ?? 0;
    });
    if (row.full !== undefined) {
      this.doc
        .fillColor(COLORS.muted)
        .fontSize(fullSize)
        .text(row.full, this.left + PAD, y + PAD + cellsHeight + 1, NO_WRAP);
      this.doc.fillColor(COLORS.text);
    }
    this.doc.y = y + height;
  }

  /** Writes `footer(n, total)` at the foot of every page, then ends the document and returns its bytes. */
  async finish(footer: (n: number, total: number) => string): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Writing below the bottom margin would start a new page: the footer lives in the margin.
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.font('regular').fontSize(7.5).fillColor(COLORS.muted);
      this.doc.text(footer(i + 1, range.count), this.left, this.doc.page.height - 36, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}

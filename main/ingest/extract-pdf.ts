/**
 * PDF text and metadata with pdf.js (runs inside the extraction process).
 */
import type { ExtractorOutput } from './extraction-types';
import { ensurePromiseWithResolvers } from './promise-with-resolvers';

interface PdfInfo {
  CreationDate?: unknown;
  ModDate?: unknown;
  Title?: unknown;
  Author?: unknown;
  Creator?: unknown;
  Producer?: unknown;
  PDFFormatVersion?: unknown;
}

/**
 * How long pages are read before the rest are left unread: half the extraction's
 * time limit, so a PDF of ten thousand pages yields the text of its first pages
 * (and says how many) instead of being stopped with nothing.
 */
export const PAGE_TIME_BUDGET_MS = 30_000;

/**
 * All pages' text, the page count and the info dates; stops reading pages once `maxChars` is reached or the time budget
 * is spent.
 */
export async function extractPdf(
  data: Uint8Array,
  maxChars: number,
  pageBudgetMs = PAGE_TIME_BUDGET_MS,
): Promise<ExtractorOutput> {
  const deadline = Date.now() + pageBudgetMs;
  // The legacy build runs on Node; without a worker port it parses in this thread,
  // which is what we want: this code already runs inside the extraction process.
  ensurePromiseWithResolvers();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // PostScript functions in a PDF are interpreted, never compiled to JavaScript: pdf.js 6 removed its eval
  // path and with it the isEvalSupported option (tests/unit/ingest/pdfjs-no-eval.test.ts checks the files).
  const task = pdfjs.getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    let chars = 0;
    let pageErrors = 0;
    let read = 0;
    for (let n = 1; n <= doc.numPages && chars <= maxChars && Date.now() < deadline; n += 1) {
      read = n;
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        // Drops the page's parsed objects at once: a long document would otherwise hold them all.
        page.cleanup();
        const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
        pages.push(text);
        chars += text.length;
      } catch {
        pageErrors += 1;
      }
    }
    const info = ((await doc.getMetadata().catch(() => null))?.info ?? {}) as PdfInfo;
    const metadata: Record<string, unknown> = {
      pageCount: doc.numPages,
      ...pick(info, ['PDFFormatVersion', 'Title', 'Creator', 'Producer']),
    };
    for (const key of ['CreationDate', 'ModDate'] as const) {
      const raw = info[key];
      if (typeof raw === 'string') metadata[key === 'CreationDate' ? 'created' : 'modified'] = pdfDate(raw) ?? raw;
    }
    if (pageErrors > 0) metadata['pagesUnreadable'] = pageErrors;
    if (read < doc.numPages) metadata['pagesRead'] = read;
    const sensitive = typeof info.Author === 'string' && info.Author ? { author: info.Author } : {};
    return { status: 'ok', text: pages.join('\n\f'), metadata, sensitive };
  } finally {
    await task.destroy();
  }
}

function pick(info: PdfInfo, keys: (keyof PdfInfo)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = info[key];
    if (typeof value === 'string' && value) out[key === 'PDFFormatVersion' ? 'pdfVersion' : key.toLowerCase()] = value;
  }
  return out;
}

/** 'D:YYYYMMDDHHmmSS+HH'mm' → ISO 8601, keeping only the precision and zone the file states (null when unreadable). */
export function pdfDate(raw: string): string | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  let out = `${y}`;
  if (mo) out += `-${mo}`;
  if (mo && d) out += `-${d}`;
  if (d && h) out += `T${h}:${mi ?? '00'}:${s ?? '00'}`;
  if (d && h && zone) out += zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  return out;
}

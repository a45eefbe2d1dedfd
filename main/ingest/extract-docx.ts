/**
 * DOCX text with mammoth (runs inside the extraction worker), after the
 * archive has been vetted by zip-guard: mammoth's ZIP library trusts the
 * archive, so it only ever sees one whose every entry we inflated with a bound.
 */
import { VigilError } from '../../shared/errors';
import type { ExtractorOutput } from './extraction-types';
import { DOCX_TYPE } from './media-type';
import { checkZipLimits, readZipDirectory, readZipEntry, type ZipEntry } from './zip-guard';

/** Raw text of a Word document plus core-property dates (authors go to sensitive). Plain ZIPs are 'unsupported'. */
export async function extractDocx(data: Uint8Array): Promise<ExtractorOutput> {
  const zip = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const entries = readZipDirectory(zip);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    return {
      status: 'unsupported',
      mediaType: 'application/zip',
      error: 'This is a ZIP archive, not a Word document; its contents are not extracted.',
      metadata: { entries: entries.length },
      sensitive: {},
    };
  }
  checkZipLimits(zip, entries);
  // Loaded on first use, not when the core starts (about 50 ms). Through require(), not import(): the bundles then load its CommonJS build, as for every other dependency.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mammoth = require('mammoth') as typeof import('mammoth');
  const result = await mammoth.extractRawText({ buffer: zip });
  const { metadata, sensitive } = coreProperties(zip, entries);
  const warnings = result.messages.filter((m) => m.type === 'warning' || m.type === 'error').length;
  if (warnings > 0) metadata['conversionWarnings'] = warnings;
  return {
    status: 'ok',
    mediaType: DOCX_TYPE,
    text: result.value.replace(/\r\n?/g, '\n').trimEnd(),
    metadata,
    sensitive,
  };
}

function coreProperties(
  zip: Buffer,
  entries: ZipEntry[],
): { metadata: Record<string, unknown>; sensitive: Record<string, unknown> } {
  const metadata: Record<string, unknown> = {};
  const sensitive: Record<string, unknown> = {};
  const core = entries.find((e) => e.name === 'docProps/core.xml');
  if (!core) return { metadata, sensitive };
  let xml: string;
  try {
    xml = readZipEntry(zip, core).toString('utf8');
  } catch (cause) {
    if (cause instanceof VigilError) return { metadata, sensitive };
    throw cause;
  }
  const created = element(xml, 'dcterms:created');
  const modified = element(xml, 'dcterms:modified');
  if (created) metadata['created'] = created;
  if (modified) metadata['modified'] = modified;
  const creator = element(xml, 'dc:creator');
  const lastModifiedBy = element(xml, 'cp:lastModifiedBy');
  if (creator) sensitive['author'] = creator;
  if (lastModifiedBy) sensitive['lastModifiedBy'] = lastModifiedBy;
  return { metadata, sensitive };
}

// core.xml is a flat list of simple elements; a bounded regex is enough and cannot blow up.
function element(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]{0,200})?>([^<]{1,500})</${tag}>`).exec(xml);
  const value = m?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
  return value || undefined;
}

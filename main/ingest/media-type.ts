/**
 * Media type sniffing for ingest. The file's own bytes decide first: a name is
 * chosen by whoever handed the file over and may be wrong or deliberately
 * misleading, so the extension is only consulted for formats that have no
 * signature (plain text and its relatives).
 */
import type { ItemKind } from '../../shared/domain';

/** The media type of a Word document (DOCX). */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The fallback media type: bytes we do not recognise. */
const UNKNOWN_TYPE = 'application/octet-stream';

/** How many leading bytes sniffing looks at; callers read at least this much. */
export const SNIFF_BYTES = 4096;

// Formats without a signature; believed from the extension only when the bytes look like text.
const TEXT_EXTENSIONS: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
};

/** The media type of a file from its first bytes (magic first), then its name; unknown → application/octet-stream. */
export function sniffMediaType(head: Uint8Array, fileName: string): string {
  const ext = extensionOf(fileName);
  const byMagic = hasTextBom(head) ? null : sniffMagic(head, ext);
  if (byMagic) return byMagic;
  if (head.length === 0) return TEXT_EXTENSIONS[ext] ?? UNKNOWN_TYPE;
  if (looksLikeText(head)) return TEXT_EXTENSIONS[ext] ?? 'text/plain';
  return UNKNOWN_TYPE;
}

/** The item kind a media type suggests (photo, audio, video, document or other). */
export function suggestItemKind(mediaType: string): ItemKind {
  const type = mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('text/') || DOCUMENT_TYPES.has(type)) return 'document';
  return 'other';
}

const DOCUMENT_TYPES = new Set([
  'application/pdf',
  DOCX_TYPE,
  'application/msword',
  'application/rtf',
  'application/x-subrip',
  'application/json',
  'application/xml',
  'application/vnd.oasis.opendocument.text',
]);

/** Which extractor reads a media type (null: nothing is extracted from it). */
type ExtractorKind = 'pdf' | 'docx' | 'image' | 'text';

const EXIF_TYPES = new Set(['image/jpeg', 'image/tiff', 'image/heic', 'image/avif', 'image/png']);
const TEXT_TYPES = new Set(['application/x-subrip', 'application/json', 'application/xml']);

/**
 * The extractor for a media type, or null when text and metadata are not extracted from it (audio, video, unknown
 * bytes).
 */
export function extractorFor(mediaType: string): ExtractorKind | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === DOCX_TYPE || mediaType === 'application/zip') return 'docx';
  if (EXIF_TYPES.has(mediaType)) return 'image';
  if (mediaType.startsWith('text/') || TEXT_TYPES.has(mediaType)) return 'text';
  return null;
}

/** The lower-case extension of a file name, without the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

function ascii(head: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...head.subarray(offset, offset + length));
}

// The table is ordered: more specific signatures first.
function sniffMagic(head: Uint8Array, ext: string): string | null {
  if (indexOfAscii(head.subarray(0, 1024), '%PDF-') >= 0) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(head, 0, 4) === 'RIFF') return riffType(ascii(head, 8, 4));
  if (ascii(head, 4, 4) === 'ftyp') return isoBmffType(ascii(head, 8, 4));
  if (ascii(head, 0, 4) === 'OggS') return indexOfAscii(head, 'theora') >= 0 ? 'video/ogg' : 'audio/ogg';
  if (ascii(head, 0, 4) === 'fLaC') return 'audio/flac';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]))
    return indexOfAscii(head, 'webm') >= 0 ? 'video/webm' : 'video/x-matroska';
  if (ascii(head, 0, 3) === 'ID3') return 'audio/mpeg';
  if (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xf6) === 0xf0) return 'audio/aac';
  if (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) return 'audio/mpeg';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
    return zipType(head, ext);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return ext === 'doc' ? 'application/msword' : 'application/x-ole-storage';
  if (ascii(head, 0, 5) === '{\\rtf') return 'application/rtf';
  return null;
}

function riffType(form: string): string | null {
  if (form === 'WEBP') return 'image/webp';
  if (form === 'WAVE') return 'audio/wav';
  if (form === 'AVI ') return 'video/x-msvideo';
  return null;
}

function isoBmffType(brand: string): string {
  if (brand === 'M4A ' || brand === 'M4B ') return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand.startsWith('3g')) return 'video/3gpp';
  if (['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  if (brand === 'avif') return 'image/avif';
  return 'video/mp4';
}

// A DOCX is a ZIP whose entries live under word/; Word writes them near the start,
// but the final word is the central directory, which extraction checks.
function zipType(head: Uint8Array, ext: string): string {
  if (indexOfAscii(head, 'word/') >= 0 || ext === 'docx') return DOCX_TYPE;
  if (indexOfAscii(head, 'mimetypeapplication/vnd.oasis.opendocument.text') >= 0)
    return 'application/vnd.oasis.opendocument.text';
  return 'application/zip';
}

function indexOfAscii(head: Uint8Array, needle: string): number {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).indexOf(needle, 0, 'latin1');
}

// A byte-order mark makes a weak audio signature (0xFF 0xFE…) meaningless.
function hasTextBom(head: Uint8Array): boolean {
  return startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || startsWith(head, [0xef, 0xbb, 0xbf]);
}

/** True when the bytes could be text: a UTF-16 byte-order mark, or no NUL and few control bytes. */
function looksLikeText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control += 1;
  }
  return control * 20 < Math.max(head.length, 1);
}

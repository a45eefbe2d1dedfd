/**
 * The POSIX ustar header (512 bytes) and PAX extended records, encoded and decoded
 * strictly: the reader must refuse what it does not fully understand, never guess.
 */
import { VigilError } from '../../../shared/errors';

/** Every tar record is a multiple of this. */
export const BLOCK = 512;
/** The biggest size the 11 octal digits of a ustar header can hold (8 GiB - 1). */
export const MAX_OCTAL_SIZE = 0o77777777777;

/** What a header says the entry is. */
export type TarEntryType =
  | 'file'
  | 'directory'
  | 'hardlink'
  | 'symlink'
  | 'char-device'
  | 'block-device'
  | 'fifo'
  | 'pax'
  | 'pax-global'
  | 'gnu-long-name'
  | 'gnu-long-link'
  | 'other';

/** One decoded 512-byte header. */
interface TarHeader {
  name: string;
  size: number;
  type: TarEntryType;
  typeflag: string;
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '5': 'directory',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char-device',
  '4': 'block-device',
  '6': 'fifo',
  x: 'pax',
  g: 'pax-global',
  L: 'gnu-long-name',
  K: 'gnu-long-link',
};

const utf8 = new TextDecoder('utf-8');

function invalid(message: string): VigilError {
  return new VigilError(
    'PACKAGE_INVALID',
    `${message} The package is damaged or was not made by a tar program; do not use it.`,
  );
}

/** The NUL-terminated string of a header field, decoded as UTF-8 (invalid bytes become U+FFFD). */
function field(buf: Buffer, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return utf8.decode(nul === -1 ? slice : slice.subarray(0, nul));
}

/** A numeric field: octal digits (space/NUL padded) or GNU base-256 for big values. */
function numeric(buf: Buffer, start: number, length: number, what: string): number {
  const slice = buf.subarray(start, start + length);
  if (slice[0] === 0x80) {
    let value = 0;
    for (const byte of slice.subarray(1)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw invalid(`A tar header has a ${what} too large to be real.`);
    return value;
  }
  const text = slice
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(`A tar header has an unreadable ${what} field.`);
  return parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = numeric(block, 148, 8, 'checksum');
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  // Some old tar programs summed signed bytes; both forms are accepted by GNU tar.
  return stored === unsigned || stored === signed;
}

/** True for the all-zero block that marks the end of an archive. */
export function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** Decodes one header block; throws PACKAGE_INVALID on a bad checksum or an unknown format. */
export function decodeHeader(block: Buffer): TarHeader {
  if (!checksumOk(block)) throw invalid('A tar header fails its checksum.');
  const magic = block.subarray(257, 265).toString('latin1');
  const ustar = magic === 'ustar\u000000';
  if (!ustar && magic !== 'ustar  \u0000') throw invalid('A tar header is not in the ustar, PAX or GNU format.');
  const typeflag = String.fromCharCode(block[156] ?? 0);
  const prefix = ustar ? field(block, 345, 155) : '';
  const name = field(block, 0, 100);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    size: numeric(block, 124, 12, 'size'),
    type: TYPES[typeflag] ?? 'other',
    typeflag,
  };
}

/** Parses PAX extended records (`<len> <key>=<value>\n`), checking every length. */
export function parsePaxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const lenText = space === -1 ? '' : data.subarray(pos, space).toString('latin1');
    const len = /^[1-9][0-9]{0,8}$/.test(lenText) ? parseInt(lenText, 10) : NaN;
    const end = pos + len;
    if (!(end <= data.length) || data[end - 1] !== 0x0a) throw invalid('A PAX extended header is malformed.');
    const record = utf8.decode(data.subarray(space + 1, end - 1));
    const eq = record.indexOf('=');
    if (eq <= 0) throw invalid('A PAX extended header has a record without a key.');
    records.set(record.slice(0, eq), record.slice(eq + 1));
    pos = end;
  }
  return records;
}

/** Encodes PAX records with their self-including length prefix. */
export function encodePaxRecords(records: [string, string][]): Buffer {
  const parts = records.map(([key, value]) => {
    const body = Buffer.byteLength(` ${key}=${value}\n`, 'utf8');
    let len = body + String(body).length;
    if (String(len).length !== String(body).length) len = body + String(len).length;
    return Buffer.from(`${len} ${key}=${value}\n`, 'utf8');
  });
  return Buffer.concat(parts);
}

function writeOctal(block: Buffer, start: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, start, length, 'latin1');
}

/** Splits a name into ustar prefix and name fields, or null when it does not fit. */
function splitName(name: string): { prefix: string; name: string } | null {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '')
      return { prefix, name: rest };
  }
  return null;
}

/** Fields of a header the writer produces: regular files, directories and PAX records. */
interface HeaderFields {
  name: string;
  size: number;
  type: 'file' | 'directory' | 'pax';
  mode: number;
  mtime: Date;
}

/**
 * Encodes one ustar header. A name that does not fit is written truncated (the caller puts
 * the full one in a PAX record first); a size past 8 GiB goes in base-256 (and in PAX).
 */
export function encodeHeader(h: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  // A name too long for ustar is cut to fit; the PAX record before it carries the real one.
  const split = splitName(h.name) ?? { prefix: '', name: 'PaxHeader/long-name' };
  block.write(split.name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, h.mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  if (h.size <= MAX_OCTAL_SIZE) writeOctal(block, 124, 12, h.size);
  else {
    block[124] = 0x80;
    let v = h.size;
    for (let i = 135; i > 124; i--, v = Math.floor(v / 256)) block[i] = v % 256;
  }
  writeOctal(block, 136, 12, Math.max(0, Math.floor(h.mtime.getTime() / 1000)));
  block[156] = (h.type === 'file' ? '0' : h.type === 'directory' ? '5' : 'x').charCodeAt(0);
  block.write('ustar\u000000', 257, 8, 'latin1');
  block.write('root', 265, 32, 'latin1');
  block.write('root', 297, 32, 'latin1');
  block.write(split.prefix, 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

/** True when a header cannot carry this name or size on its own and needs a PAX record. */
export function needsPax(name: string, size: number): boolean {
  return splitName(name) === null || size > MAX_OCTAL_SIZE;
}

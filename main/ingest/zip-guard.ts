/**
 * A small ZIP central-directory reader that vets an archive before any library
 * inflates it. DOCX files are ZIPs, and a hostile one can declare or hide
 * gigabytes behind a few kilobytes; we refuse absurd declarations and then
 * inflate every entry ourselves with a hard output bound, because declared
 * sizes can lie. Only what a Word document needs is supported (no ZIP64, no
 * encryption, stored or deflated entries).
 */
import { inflateRawSync } from 'node:zlib';
import { VigilError } from '../../shared/errors';

/** One entry of a ZIP central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Bounds applied to an archive before it is parsed. */
interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  maxRatio: number;
}

/** Generous for real documents, small enough that a bomb is refused early. */
const DOCX_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntryBytes: 128 * 1024 * 1024,
  maxRatio: 200,
};

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const RATIO_FLOOR = 1024 * 1024; // small entries may compress well (runs of XML); ratios only matter for big ones

function refuse(message: string): never {
  throw new VigilError('INVALID_INPUT', message);
}

/**
 * Reads the central directory; throws INVALID_INPUT when the archive is malformed or needs features a document never
 * uses.
 */
export function readZipDirectory(zip: Buffer, maxEntries = DOCX_ZIP_LIMITS.maxEntries): ZipEntry[] {
  const eocd = findEndOfDirectory(zip);
  const total = zip.readUInt16LE(eocd + 10);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (total === 0xffff || dirOffset === 0xffffffff)
    refuse('The archive uses ZIP64, which no Word document needs; it was not opened.');
  if (total > maxEntries) refuse(`The archive lists ${total} entries (more than ${maxEntries}); it was not opened.`);
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < total; i += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIG)
      refuse('The archive directory is damaged (an entry is missing or truncated).');
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > zip.length) refuse('The archive directory is truncated.');
    const entry: ZipEntry = {
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff)
      refuse('The archive uses ZIP64 sizes, which no Word document needs; it was not opened.');
    entries.push(entry);
    at = next;
  }
  return entries;
}

// The end record sits in the last 22 bytes plus up to 64 KiB of comment.
function findEndOfDirectory(zip: Buffer): number {
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= stop; at -= 1) {
    if (zip.readUInt32LE(at) === EOCD_SIG) return at;
  }
  return refuse('The file is not a complete ZIP archive (no central directory was found); it may be truncated.');
}

/**
 * Refuses an archive whose declared or actual sizes are absurd; inflates each entry with a hard bound to catch sizes
 * that lie.
 */
export function checkZipLimits(zip: Buffer, entries: readonly ZipEntry[], limits: ZipLimits = DOCX_ZIP_LIMITS): void {
  let declared = 0;
  for (const entry of entries) {
    declared += entry.uncompressedSize;
    if (entry.flags & 0x1) refuse('The archive is encrypted; it cannot be read.');
    if (entry.method !== 0 && entry.method !== 8)
      refuse(`An archive entry uses compression method ${entry.method}, which documents do not use.`);
    if (entry.uncompressedSize > limits.maxEntryBytes)
      refuse(
        `An archive entry declares ${mib(entry.uncompressedSize)} uncompressed (limit ` +
          `${mib(limits.maxEntryBytes)}); this looks like a zip bomb.`,
      );
    if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
      refuse(
        `An archive entry expands ` +
          `${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}-fold (limit ` +
          `${limits.maxRatio}); this looks like a zip bomb.`,
      );
    }
  }
  if (declared > limits.maxTotalBytes)
    refuse(
      `The archive declares ${mib(declared)} uncompressed in total (limit ${mib(limits.maxTotalBytes)}); this ` +
        `looks like a zip bomb.`,
    );
  for (const entry of entries) readZipEntry(zip, entry);
}

/** The inflated bytes of one entry, never more than it declares (throws INVALID_INPUT when it holds more). */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIG)
    refuse('An archive entry points outside the file or at damaged data.');
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) refuse('An archive entry runs past the end of the file; the file may be truncated.');
  const raw = zip.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) refuse('A stored archive entry has inconsistent sizes.');
    return raw;
  }
  let data: Buffer;
  try {
    // One byte of headroom: inflation stops there, so a lie shows as one byte too many.
    data = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (cause) {
    const tooBig = (cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new VigilError('INVALID_INPUT', tooBig ? LIAR : 'An archive entry is damaged and cannot be decompressed.', {
      cause,
    });
  }
  if (data.length > entry.uncompressedSize) refuse(LIAR);
  return data;
}

const LIAR = 'An archive entry holds more data than it declares; this looks like a zip bomb.';

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;
}

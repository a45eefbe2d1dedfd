import { VigilError } from '../../../shared/errors';

/**
 * APP1 holds EXIF (with GPS) and XMP, APP13 holds Photoshop/IPTC, COM free comments: all can identify people or places.
 */
const STRIPPED = new Set([0xe1, 0xed, 0xfe]);
const SOS = 0xda;
const EOI = 0xd9;

/** True when the bytes start like a JPEG (SOI then a marker). */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function standalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/**
 * The JPEG without its APP1 (EXIF, GPS, XMP), APP13 (IPTC) and COM segments;
 * the image data after the first SOS is copied unchanged. Returns the input
 * itself when there was nothing to remove. Refuses (INVALID_INPUT) bytes that
 * are not a well-formed JPEG header, rather than export metadata it could not read.
 */
export function stripJpegMetadata(bytes: Buffer): Buffer {
  if (!isJpeg(bytes))
    throw new VigilError('INVALID_INPUT', 'The image is not a JPEG file, so its metadata cannot be stripped.');
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let removed = false;
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw malformed(pos);
    let markerPos = pos + 1;
    while (bytes[markerPos] === 0xff) markerPos++; // fill bytes before a marker
    const marker = bytes[markerPos];
    if (marker === undefined) throw malformed(pos);
    if (standalone(marker) || marker === EOI) {
      kept.push(bytes.subarray(pos, markerPos + 1));
      pos = markerPos + 1;
      if (marker === EOI) break;
      continue;
    }
    if (marker === SOS) {
      kept.push(bytes.subarray(pos));
      pos = bytes.length;
      break;
    }
    if (markerPos + 2 >= bytes.length) throw malformed(pos);
    const length = bytes.readUInt16BE(markerPos + 1);
    const end = markerPos + 1 + length;
    if (length < 2 || end > bytes.length) throw malformed(pos);
    if (STRIPPED.has(marker)) removed = true;
    else kept.push(bytes.subarray(pos, end));
    pos = end;
  }
  if (pos < bytes.length) kept.push(bytes.subarray(pos));
  return removed ? Buffer.concat(kept) : bytes;
}

function malformed(pos: number): VigilError {
  return new VigilError(
    'INVALID_INPUT',
    `The JPEG image is malformed near byte ${pos}; its metadata cannot be stripped safely. Export it with a ` +
      `profile that keeps originals, or replace the item.`,
  );
}

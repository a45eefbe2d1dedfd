/**
 * Decoding of text files and transcripts. UTF-8 is required unless a UTF-16
 * byte-order mark says otherwise: guessing a legacy code page would silently
 * put wrong words into evidence, so undecodable text is reported instead.
 */
import { VigilError } from '../../shared/errors';

/** Decoded text and the encoding that was found. */
interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

/**
 * Decodes UTF-8 (BOM optional) or BOM-marked UTF-16, strips the BOM and normalises line ends to \n; throws
 * INVALID_INPUT otherwise.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let encoding: DecodedText['encoding'] = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch (cause) {
    const where = encoding === 'utf-8' ? ` (first invalid byte at offset ${firstInvalidUtf8(bytes, start)})` : '';
    throw new VigilError(
      'INVALID_INPUT',
      `The text is not valid ${encoding.toUpperCase()}${where} and has no byte-order mark naming another ` +
        `encoding. Save it as UTF-8 and add it again.`,
      { cause },
    );
  }
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}

// Only for the message: the offset where the first invalid UTF-8 sequence starts.
function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4 (no overlongs, surrogates or > U+10FFFF).
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return i;
}

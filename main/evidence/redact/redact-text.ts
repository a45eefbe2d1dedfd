/**
 * Text redaction (plain text, Markdown, CSV, SubRip and WebVTT transcripts, …): every
 * occurrence of the names is replaced by the person's code, with protect-names.ts's rules
 * (whole words, any case, longest name first). The copy is UTF-8 in Unicode NFC form; line
 * ends and everything else are kept as they were.
 */
import { VigilError } from '../../../shared/errors';
import { countProtectedNames, protectNamesWithSpans, type ProtectedPerson } from '../protect-names';

/** A redacted text: its UTF-8 bytes and how many names were replaced, by code. */
interface TextRedactionResult {
  bytes: Buffer;
  hits: Map<string, number>;
}

function decode(bytes: Uint8Array): string {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch (cause) {
    throw new VigilError(
      'INVALID_INPUT',
      `The text is not valid ${encoding.toUpperCase()}, so names cannot be found in it reliably; it was not redacted.`,
      { cause },
    );
  }
}

/** The text with every name of the people replaced by their code; refuses a copy where a name would remain. */
export function redactText(input: Uint8Array, people: ProtectedPerson[]): TextRedactionResult {
  const source = decode(input);
  const { text, replacements } = protectNamesWithSpans(source, people);
  // Checked again on the output: a name must not survive (e.g. one a replacement recreated).
  if (countProtectedNames(text, people).size > 0)
    throw new VigilError(
      'INTERNAL',
      'The redacted text still holds a name; it was not stored. Report this with the item id.',
    );
  const hits = new Map<string, number>();
  for (const r of replacements) {
    const code = text.slice(r.newFrom, r.newTo);
    hits.set(code, (hits.get(code) ?? 0) + 1);
  }
  return { bytes: Buffer.from(text, 'utf8'), hits };
}

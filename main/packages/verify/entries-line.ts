import { decodeBase64Strict } from '../../custody/encoding';

/** One line of entries.jsonl taken apart; `entryText` is the entry exactly as written. */
interface EntryLine {
  entryText: string;
  sig: string;
  index: number;
  proof: Buffer[];
}

const PREFIX = '{"entry":';

/** The end (exclusive) of the JSON object starting at `start`, or -1 when it never closes. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Parses `{"entry": {…}, "sig": "…", "index": n, "proof": […]}`. The entry text is cut out
 * byte for byte (not re-serialised), because the signature covers exactly those bytes.
 * Throws an Error whose message says what is wrong.
 */
export function parseEntryLine(line: string): EntryLine {
  if (!line.startsWith(PREFIX) || line[PREFIX.length] !== '{')
    throw new Error('the line does not start with {"entry":{');
  const end = objectEnd(line, PREFIX.length);
  if (end < 0) throw new Error('the entry object is not closed');
  const entryText = line.slice(PREFIX.length, end);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error('the line is not valid JSON');
  }
  const { sig, index, proof, ...rest } = parsed as { sig?: unknown; index?: unknown; proof?: unknown; entry?: unknown };
  delete rest.entry;
  if (Object.keys(rest).length > 0) throw new Error(`the line has unexpected fields (${Object.keys(rest).join(', ')})`);
  if (typeof sig !== 'string') throw new Error('the line has no signature ("sig")');
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0)
    throw new Error('the line has no valid leaf "index"');
  if (!Array.isArray(proof) || proof.length > 64) throw new Error('the line has no valid inclusion "proof" list');
  const hashes = proof.map((p: unknown) => (typeof p === 'string' ? decodeBase64Strict(p) : null));
  const bad = hashes.findIndex((h) => h === null || h.length !== 32);
  if (bad >= 0) throw new Error(`proof hash ${bad + 1} is not the base64 of 32 bytes`);
  return { entryText, sig, index, proof: hashes.filter((h): h is Buffer => h !== null) };
}

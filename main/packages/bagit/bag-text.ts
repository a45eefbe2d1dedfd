/**
 * The text formats of a BagIt 1.0 bag (RFC 8493): bagit.txt, bag-info.txt with folded
 * lines, and the "<hex>  <path>" lines of payload and tag manifests.
 */

/** The exact bagit.txt this writer produces. */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
/** RFC 8493 recommends tag file lines of at most 79 characters. */
const FOLD_WIDTH = 79;

/**
 * Percent-encodes CR, LF and % in a manifest path, and only those (RFC 8493 §2.1.3). bagit.py
 * encodes CR and LF but leaves % as it is, so the two read a path holding "%" differently; the
 * exporter therefore never names a file with "%", CR or LF (see safeFileName and DESIGN §6).
 */
export function encodeManifestPath(p: string): string {
  return p.replace(/[%\r\n]/g, (c) => (c === '%' ? '%25' : c === '\r' ? '%0D' : '%0A'));
}

/** Reverses encodeManifestPath: decodes %25, %0D and %0A (any case), leaves the rest alone. */
export function decodeManifestPath(p: string): string {
  return p.replace(/%(25|0d|0a)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Decodes a path as bagit.py does: %0D and %0A only, so its literal "%25" stays "%25". */
export function decodeManifestPathAsBagitPy(p: string): string {
  return p.replace(/%(0d|0a)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A manifest file: one `<hex>  <path>` line per entry, sorted by path, LF line ends. */
export function manifestText(hashes: Map<string, string>): string {
  const paths = [...hashes.keys()].sort();
  return paths.map((p) => `${hashes.get(p) ?? ''}  ${encodeManifestPath(p)}\n`).join('');
}

/** One manifest entry: `raw` is the path as written, `path` decoded per RFC 8493. */
export interface ManifestEntry {
  line: number;
  path: string;
  raw: string;
  hex: string;
}

/** One parsed manifest line, or why it could not be read. */
type ManifestLine = ManifestEntry | { line: number; problem: string };

/** Splits tag file text into lines (LF, CRLF or CR), dropping one final empty line. */
export function tagLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Parses a manifest; `hexLength` is 64 for SHA-256 and 128 for SHA-512. Blank lines are skipped, as bagit.py does. */
export function parseManifest(text: string, hexLength: number): ManifestLine[] {
  const parsed: ManifestLine[] = [];
  tagLines(text).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(raw);
    if (m === null || m[1] === undefined || m[2] === undefined)
      parsed.push({ line, problem: `line ${line} is not "<checksum> <file>"` });
    else if (m[1].length !== hexLength)
      parsed.push({ line, problem: `line ${line} has a checksum of the wrong length` });
    else parsed.push({ line, hex: m[1].toLowerCase(), raw: m[2], path: decodeManifestPath(m[2]) });
  });
  return parsed;
}

/** Folds a long "Label: value" line at single spaces, so unfolding (removing the line breaks) restores it. */
export function foldLine(line: string, width = FOLD_WIDTH): string {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const at = foldPoint(rest, width);
    if (at === -1) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  parts.push(rest);
  return parts.join('\n');
}

/** Where to break: a space between two non-spaces, as late as fits, else the first there is. */
function foldPoint(s: string, width: number): number {
  const ok = (i: number): boolean =>
    s[i] === ' ' && s[i - 1] !== ' ' && s[i + 1] !== undefined && s[i + 1] !== ' ' && s[i - 1] !== ':';
  for (let i = Math.min(width, s.length - 1); i > 0; i--) if (ok(i)) return i;
  for (let i = width + 1; i < s.length - 1; i++) if (ok(i)) return i;
  return -1;
}

/** bag-info.txt from label/value pairs, each line folded. */
export function bagInfoText(pairs: [string, string][]): string {
  return pairs.map(([label, value]) => `${foldLine(`${label}: ${value}`)}\n`).join('');
}

/** Parsed tag file "Label: value" pairs (folded lines joined), or the problems found. */
interface ParsedTags {
  pairs: [string, string][];
  problems: string[];
}

/** Parses bagit.txt or bag-info.txt; continuation lines start with a space or tab. */
export function parseTags(text: string): ParsedTags {
  const pairs: [string, string][] = [];
  const problems: string[] = [];
  tagLines(text).forEach((raw, i) => {
    const last = pairs[pairs.length - 1];
    if (/^[ \t]/.test(raw)) {
      if (last === undefined) problems.push(`line ${i + 1} continues a value but no label comes before it`);
      else last[1] += raw;
      return;
    }
    const colon = raw.indexOf(':');
    if (colon <= 0) {
      problems.push(`line ${i + 1} is not "Label: value"`);
      return;
    }
    pairs.push([raw.slice(0, colon).trim(), raw.slice(colon + 1)]);
  });
  for (const pair of pairs) pair[1] = pair[1].trim();
  return { pairs, problems };
}

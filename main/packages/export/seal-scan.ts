/**
 * The last look before sealing. Every text Vigil writes into a package goes
 * through the profile's name filter, but not every value does: a case
 * reference, a place, a member's name, the package's own file name are kept
 * as typed, and a name cut short or re-joined on the way can become a match.
 * So before the bag is sealed, every text file of it is read as its reader
 * will read it (JSON and XML escapes decoded) and searched for every hidden
 * name and alias; the export is refused while one survives. Originals are not
 * searched here: they leave byte for byte, after the sender confirmed them
 * (name-scan.ts). The refusal names the file, the line and the person's code,
 * never the name.
 */
import { VigilError } from '../../../shared/errors';
import type { NamePolicy } from './names';

/** A text of the package as a reader sees it; `where` says where it is, e.g. "data/case.json". */
export interface SealText {
  where: string;
  text: string;
}

/** A protected name that survived: where (file and line), and whose (code). */
interface SurvivingName {
  where: string;
  line: number;
  code: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

/** A JSON line with its string escapes undone (\n and other controls as spaces, so lines keep their numbers). */
function decodeJsonEscapes(line: string): string {
  return line.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (_m, e: string) => {
    if (e.length === 1) return '"\\/'.includes(e) ? e : ' ';
    const ch = String.fromCharCode(parseInt(e.slice(1), 16));
    return CONTROL.test(ch) ? ' ' : ch;
  });
}

/** XML or WebVTT text with its character references undone. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e] !== undefined) return named[e];
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  });
}

/** entries.jsonl as the custody entries' `data` members, one per line (the rest is ids, hashes and signatures). */
function entriesData(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      try {
        return decodeJsonEscapes(
          JSON.stringify((JSON.parse(line) as { entry?: { data?: unknown } }).entry?.data ?? null),
        );
      } catch {
        return decodeJsonEscapes(line);
      }
    })
    .join('\n');
}

/** keys.txt as the signers' names only: the "# <name> ed25519:<hex>" comments (key lines are base64). */
function keyNames(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('# ') ? line.slice(2).replace(/ ed25519:[0-9a-f]+$/, '') : ''))
    .join('\n');
}

/** checkpoint.txt as its origin line and the signers' key names (the rest is numbers and base64). */
function checkpointNames(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.startsWith('\u2014 ') ? (line.split(' ')[1] ?? '') : ''))
    .join('\n');
}

/** A payload file's text as its reader sees it. */
export function readerText(path: string, data: Buffer): string {
  const text = data.toString('utf8');
  if (path === 'custody/entries.jsonl') return entriesData(text);
  if (path === 'custody/keys.txt') return keyNames(text);
  if (path === 'custody/checkpoint.txt') return checkpointNames(text);
  if (path.endsWith('.json')) return text.split('\n').map(decodeJsonEscapes).join('\n');
  if (path.endsWith('.vtt') || path.endsWith('.xml')) return decodeEntities(text);
  return text;
}

/** The texts outside the payload files: the package's file name, the bag's folder and file names, and bag-info.txt. */
export function packageTexts(
  p: { fileName: string; bag: string; paths: string[]; bagInfo: string },
  policy: NamePolicy,
): SealText[] {
  return [
    { where: 'the package file name', text: p.fileName },
    { where: 'the bag folder name', text: p.bag },
    // Shown with the names replaced, so the message itself does not carry them.
    ...p.paths.map((path) => ({ where: `the file name ${policy.text(`data/${path}`)}`, text: `data/${path}` })),
    { where: 'bag-info.txt', text: p.bagInfo },
  ];
}

/** Every protected name in the texts, by where, line and code. */
export function findSurvivingNames(texts: SealText[], policy: NamePolicy): SurvivingName[] {
  if (!policy.replaces) return [];
  const found: SurvivingName[] = [];
  for (const { where, text } of texts) {
    const nfc = text.normalize('NFC');
    for (const { index, code } of policy.locate(nfc)) {
      const line = nfc.slice(0, index).split('\n').length;
      found.push({ where, line, code });
    }
  }
  return found;
}

const SHOWN = 20;

/** The refusal of a package in which a protected name would survive; it carries the places, never the name. */
export class SurvivingNamesError extends VigilError {
  constructor(readonly found: SurvivingName[]) {
    const lines = found.slice(0, SHOWN).map((f) => `  ${f.where}, line ${f.line}: ${f.code}`);
    if (found.length > SHOWN) lines.push(`  … and ${found.length - SHOWN} more`);
    super(
      'INVALID_INPUT',
      [
        'Not exported: the name of a person this profile protects would still be in the package, at:',
        ...lines,
        'It comes from a value kept as typed (a case reference, a place or facility, a member name, the ' +
          'package file name) or from a name the filter could not see whole. Change that value and export again. ' +
          'No package was written.',
      ].join('\n'),
    );
  }
}

/** Refuses (SurvivingNamesError) when a protected name is in any of the texts. */
export function assertNoSurvivingNames(texts: SealText[], policy: NamePolicy): void {
  const found = findSurvivingNames(texts, policy);
  if (found.length > 0) throw new SurvivingNamesError(found);
}

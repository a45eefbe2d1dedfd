import { VigilError } from '../../shared/errors';
import { decodeBase64Strict } from './encoding';
import { HASH_BYTES } from './merkle-hash';

/** A checkpoint note taken apart; `body` is the signed text (ends in a newline). */
export interface ParsedCheckpoint {
  origin: string;
  size: number;
  root: Buffer;
  body: string;
  signatures: { name: string; keyId: Buffer; signature: Buffer }[];
}

/** Starts every signature line of a C2SP signed note: EM DASH U+2014, then a space. */
export const SIGNATURE_LINE_PREFIX = '\u2014 ';

// Bounds for untrusted notes (imported packages): a checkpoint is a few hundred bytes.
const MAX_NOTE_CHARS = 64 * 1024;
const MAX_SIGNATURES = 100;
const KEY_ID_BYTES = 4;

const broken = (what: string): VigilError =>
  new VigilError(
    'CUSTODY_BROKEN',
    `The checkpoint is not a valid signed note: ${what}. Copy it again in full from its source.`,
  );

/** True for a signed-note key name: non-empty, no Unicode spaces, no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** Parses a C2SP tlog-checkpoint body: origin, decimal size, base64 root, and nothing else. */
export function parseCheckpointBody(body: string): { origin: string; size: number; root: Buffer } {
  const lines = body.split('\n');
  if (lines.length !== 4 || lines[3] !== '') {
    throw broken('its text must be exactly three lines (origin, tree size, root hash), each ending in a newline');
  }
  const [origin = '', sizeText = '', rootText = ''] = lines;
  if (origin.length === 0) throw broken('the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw broken(`the tree size "${sizeText}" is not a decimal number without leading zeros`);
  }
  const root = decodeBase64Strict(rootText);
  if (!root || root.length !== HASH_BYTES)
    throw broken(`the root hash "${rootText}" is not the base64 of ${HASH_BYTES} bytes`);
  return { origin, size: Number(sizeText), root };
}

function parseSignatureLine(line: string): ParsedCheckpoint['signatures'][number] {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX))
    throw broken(`a signature line does not start with "${SIGNATURE_LINE_PREFIX}"`);
  const parts = line.slice(SIGNATURE_LINE_PREFIX.length).split(' ');
  const [name = '', encoded = ''] = parts;
  if (parts.length !== 2 || !isValidKeyName(name))
    throw broken('a signature line is not "— <key name> <base64 signature>"');
  const bytes = decodeBase64Strict(encoded);
  if (!bytes || bytes.length <= KEY_ID_BYTES)
    throw broken(`the signature by ${name} is not valid base64 of a key id and signature`);
  return { name, keyId: bytes.subarray(0, KEY_ID_BYTES), signature: bytes.subarray(KEY_ID_BYTES) };
}

function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}

function checkNoteText(note: string): void {
  if (note.length > MAX_NOTE_CHARS) throw broken(`it is longer than ${MAX_NOTE_CHARS} characters`);
  // Control characters other than newline are forbidden by signed-note (this also rules out CRLF).
  if (hasControlChar(note)) throw broken('it contains control characters (a CR/LF line ending?)');
  if (Buffer.from(note, 'utf8').toString('utf8') !== note) throw broken('it is not well-formed UTF-8 text');
  if (!note.endsWith('\n')) throw broken('it does not end with a newline');
}

/** Strict parse of a checkpoint note; throws CUSTODY_BROKEN saying what is wrong. Signatures are not checked here. */
export function parseCheckpoint(note: string): ParsedCheckpoint {
  checkNoteText(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw broken('it has no blank line before the signatures');
  const body = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw broken(`it has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map(parseSignatureLine);
  return { ...parseCheckpointBody(body), body, signatures };
}

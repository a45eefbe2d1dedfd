import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { VigilError } from '../../../shared/errors';
import { decodeB64, encodeB64 } from './base64';
import type { Stanza } from './types';

const INTRO = 'age-encryption.org/v1';
const INTRO_LINE = Buffer.from(`${INTRO}\n`, 'latin1');
const FOOTER_SEARCH = Buffer.from('\n---', 'latin1');
const BODY_LINE_BYTES = 48; // 64 base64 columns
const MAC_SIZE = 32;

/** Headers larger than this are refused, so garbage input cannot make us buffer without bound. */
export const MAX_HEADER_SIZE = 1024 * 1024;

/** A parsed age header and the exact bytes its MAC covers. */
export interface AgeHeader {
  stanzas: Stanza[];
  mac: Buffer;
  macInput: Buffer;
}

function malformed(what: string): VigilError {
  return new VigilError(
    'AGE_MALFORMED',
    `The age header is malformed (${what}); the file is damaged or not an age file.`,
  );
}

/**
 * Finds where the header ends in the first bytes of a file: the offset just past the
 * footer line, or -1 when more bytes are needed. Throws when the bytes cannot be an age header.
 */
export function findHeaderEnd(buf: Buffer): number {
  const introLen = Math.min(buf.length, INTRO_LINE.length);
  if (!buf.subarray(0, introLen).equals(INTRO_LINE.subarray(0, introLen))) throw malformed('unexpected first line');
  // Base64 bodies have no '-', and arguments never start a line, so the first "\n---" is the footer.
  const footer = buf.indexOf(FOOTER_SEARCH, INTRO_LINE.length - 1);
  const end = footer < 0 ? -1 : buf.indexOf(0x0a, footer + 1);
  if (end >= MAX_HEADER_SIZE || (end < 0 && buf.length > MAX_HEADER_SIZE)) throw malformed('header too large');
  return end < 0 ? -1 : end + 1;
}

function isArgument(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

function parseStanza(lines: string[], at: number): { stanza: Stanza; next: number } {
  const parts = (lines[at] ?? '').split(' ');
  const [prefix, type, ...args] = parts;
  if (prefix !== '->' || type === undefined || !parts.slice(1).every(isArgument)) throw malformed('bad stanza line');
  const body: Buffer[] = [];
  for (let i = at + 1; i < lines.length - 1; i++) {
    const bytes = decodeB64(lines[i] ?? '', 'a stanza body');
    if (bytes.length > BODY_LINE_BYTES) throw malformed('stanza body line too long');
    body.push(bytes);
    if (bytes.length < BODY_LINE_BYTES) return { stanza: { type, args, body: Buffer.concat(body) }, next: i + 1 };
  }
  throw malformed('stanza body does not end with a short line');
}

/** Parses a complete header (the bytes up to and including the footer line's newline), strictly. */
export function parseHeader(buf: Buffer): AgeHeader {
  const lines = buf.toString('latin1').split('\n');
  // The buffer ends with '\n', so the last element is empty and the footer is the one before it.
  if (lines.length < 3 || lines[0] !== INTRO || lines[lines.length - 1] !== '') throw malformed('bad framing');
  const stanzas: Stanza[] = [];
  let at = 1;
  while (at < lines.length - 2) {
    const { stanza, next } = parseStanza(lines, at);
    stanzas.push(stanza);
    at = next;
  }
  const footer = lines[at] ?? '';
  if (at !== lines.length - 2 || !footer.startsWith('---')) throw malformed('bad footer position');
  const parts = footer.split(' ');
  if (parts.length !== 2 || parts[0] !== '---') throw malformed('bad footer line');
  const mac = decodeB64(parts[1] ?? '', 'the header MAC');
  if (mac.length !== MAC_SIZE) throw malformed('bad MAC length');
  const macInput = buf.subarray(0, buf.length - footer.length - 1 + 3);
  return { stanzas, mac, macInput };
}

/** HMAC-SHA256 of the header bytes up to "---", keyed by HKDF(fileKey, info="header"). */
function headerMac(fileKey: Uint8Array, macInput: Uint8Array): Buffer {
  const key = Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), 'header', 32));
  try {
    return createHmac('sha256', key).update(macInput).digest();
  } finally {
    key.fill(0);
  }
}

/** Throws AGE_MALFORMED unless the header MAC matches the file key. */
export function verifyHeaderMac(fileKey: Uint8Array, header: AgeHeader): void {
  if (!timingSafeEqual(headerMac(fileKey, header.macInput), header.mac)) {
    throw new VigilError('AGE_MALFORMED', 'The age header MAC does not match: the file header was altered or damaged.');
  }
}

function encodeStanza(s: Stanza): string {
  const b64 = encodeB64(s.body);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  // A body always ends with a short line, possibly empty.
  if (b64.length % 64 === 0) lines.push('');
  return `-> ${[s.type, ...s.args].join(' ')}\n${lines.join('\n')}\n`;
}

/** Serializes a header for the given stanzas and appends its MAC line. */
export function encodeHeader(stanzas: Stanza[], fileKey: Uint8Array): Buffer {
  const macInput = Buffer.from(`${INTRO}\n${stanzas.map(encodeStanza).join('')}---`, 'latin1');
  const mac = headerMac(fileKey, macInput);
  return Buffer.concat([macInput, Buffer.from(` ${encodeB64(mac)}\n`, 'latin1')]);
}

/**
 * Transcript import: SubRip, WebVTT, plain text and DOCX with `Speaker: text`
 * lines, into ordered segments. Formats and conventions are described in
 * transcript-cues.ts and transcript-text.ts (translation lines: ">> " or "[translation] ").
 */
import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { assertNever, VigilError } from '../../shared/errors';
import { decodeText } from './decode-text';
import { extractFromFile } from './extract';
import { extensionOf } from './media-type';
import { parseSrt, parseVtt } from './transcript-cues';
import type { ImportedSegment } from './transcript-lines';
import { parseTextTranscript } from './transcript-text';

export type { ImportedSegment } from './transcript-lines';

/** The transcript formats a file can be in. */
type TranscriptFormat = 'srt' | 'vtt' | 'docx' | 'text';

/** Transcript files larger than this are refused (a day of speech is a few MiB). */
const MAX_TRANSCRIPT_BYTES = 50 * 1024 * 1024;

const SRT_START = /^\s*\d+\s*\n\s*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}\s+-->/;

/**
 * The format of a transcript file: its bytes first (ZIP → docx, WEBVTT header, SRT cue), then its extension, else text.
 */
export function detectTranscriptFormat(fileName: string, head: Uint8Array): TranscriptFormat {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'docx';
  const start = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false })
    .decode(head.subarray(0, 512))
    .replace(/\r\n?/g, '\n');
  if (/^WEBVTT(?:[ \t\n]|$)/.test(start)) return 'vtt';
  const ext = extensionOf(fileName);
  if (ext === 'srt' || ext === 'vtt' || ext === 'docx') return ext;
  if (SRT_START.test(start)) return 'srt';
  return 'text';
}

/**
 * Parses transcript bytes (UTF-8, or UTF-16 with a BOM) in a text format; throws INVALID_INPUT naming the line on
 * malformed input.
 */
export function parseTranscript(content: Uint8Array, format: 'srt' | 'vtt' | 'text'): ImportedSegment[] {
  const { text } = decodeText(content);
  switch (format) {
    case 'srt':
      return parseSrt(text);
    case 'vtt':
      return parseVtt(text);
    case 'text':
      return parseTextTranscript(text);
    default:
      return assertNever(format, 'transcript format');
  }
}

/** Reads a transcript file, detects its format and parses it; DOCX text comes from the sandboxed extraction worker. */
export async function importTranscriptFile(file: string): Promise<ImportedSegment[]> {
  const content = await readTranscript(file);
  const format = detectTranscriptFormat(path.basename(file), content.subarray(0, 512));
  if (format !== 'docx') return parseTranscript(content, format);
  const extracted = await extractFromFile(file);
  if (extracted.status !== 'ok' || extracted.text === undefined) {
    throw new VigilError(
      'INVALID_INPUT',
      `The Word transcript could not be read: ${extracted.error ?? 'it holds no text'}`,
    );
  }
  return parseTextTranscript(extracted.text);
}

async function readTranscript(file: string): Promise<Uint8Array> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new VigilError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
      `The transcript ${file} cannot be read (${code ?? 'error'}); check the path.`,
      { cause },
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new VigilError('INVALID_INPUT', `The transcript ${file} is not a regular file.`);
    if (stat.size > MAX_TRANSCRIPT_BYTES)
      throw new VigilError(
        'INVALID_INPUT',
        `The transcript ${file} is larger than ${MAX_TRANSCRIPT_BYTES / (1024 * 1024)} MiB; split it or check ` +
          `that it is a transcript.`,
      );
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

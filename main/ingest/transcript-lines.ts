/**
 * Pieces shared by the transcript parsers: line splitting with bounds, the
 * `Speaker: text` and translation conventions, and segment assembly.
 */
import { VigilError } from '../../shared/errors';

/** One transcript segment as imported from a file. */
export interface ImportedSegment {
  speaker: string;
  startMs: number | null;
  endMs: number | null;
  text: string;
  translation: string | null;
}

/** Bounds that keep a hostile transcript from exhausting memory. */
const MAX_SEGMENTS = 200_000;
const MAX_LINE_CHARS = 20_000;

/** An INVALID_INPUT error that names the line (1-based) where the problem is. */
export function lineError(line: number, message: string): VigilError {
  return new VigilError('INVALID_INPUT', `Line ${line}: ${message}`);
}

/** Splits text (line ends already \n) into lines, refusing absurdly long ones. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.length > MAX_LINE_CHARS)
      throw lineError(i + 1, `the line is longer than ${MAX_LINE_CHARS} characters; is this really a transcript?`);
  });
  return lines;
}

// A speaker label starts with a letter and is short; the colon must be followed by
// a space or the end of the line, so "http://…" and "10:30" are not speakers.
const SPEAKER = /^(\p{L}[\p{L}\p{N} .'’()_-]{0,39}?):(?:[ \t]+(.*))?$/u;

/** Splits `Speaker: text` into its parts (speaker null when the line has no label). */
export function splitSpeaker(line: string): { speaker: string | null; text: string } {
  const m = SPEAKER.exec(line);
  if (!m?.[1]) return { speaker: null, text: line };
  return { speaker: m[1].trim(), text: (m[2] ?? '').trim() };
}

// The translation convention: a line starting with ">> " or "[translation] "
// translates the segment just before it (several such lines are joined).
const TRANSLATION = /^(?:>>[ \t]?|\[translation\][ \t]?)(.*)$/i;

/** The translation text when the line is a translation line, else null. */
export function translationLine(line: string): string | null {
  const m = TRANSLATION.exec(line.trim());
  return m ? (m[1] ?? '').trim() : null;
}

/** Collects segments in order, enforcing the count bound and the translation rule. */
export class SegmentBuilder {
  readonly segments: ImportedSegment[] = [];

  /** Starts a new segment. */
  start(line: number, speaker: string, startMs: number | null, endMs: number | null, text: string): ImportedSegment {
    if (this.segments.length >= MAX_SEGMENTS)
      throw lineError(line, `the transcript has more than ${MAX_SEGMENTS} segments.`);
    const segment: ImportedSegment = { speaker, startMs, endMs, text, translation: null };
    this.segments.push(segment);
    return segment;
  }

  /** Attaches a translation line to the last segment. */
  translate(line: number, text: string): void {
    const last = this.segments.at(-1);
    if (!last)
      throw lineError(line, 'a translation line (">> …" or "[translation] …") must follow the text it translates.');
    last.translation = last.translation === null ? text : `${last.translation}\n${text}`;
  }

  /** The segments, without ones left empty. */
  finish(): ImportedSegment[] {
    return this.segments.filter((s) => s.text.trim() !== '' || s.translation !== null);
  }
}

/** Appends a continuation line to a segment's text. */
export function appendText(segment: ImportedSegment, text: string): void {
  segment.text = segment.text === '' ? text : `${segment.text}\n${text}`;
}

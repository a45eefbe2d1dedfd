/**
 * The plain-text (and DOCX-as-text) transcript format:
 *   Speaker: text            starts a segment
 *   [00:01:02] Speaker: text a segment with a start time ([MM:SS], [HH:MM:SS], optional .mmm)
 *   a line with no label     continues the current segment; after a blank line it
 *                            starts a new segment by the same speaker
 *   >> text  /  [translation] text   the translation of the segment just before
 */
import {
  appendText,
  type ImportedSegment,
  lineError,
  SegmentBuilder,
  splitLines,
  splitSpeaker,
  translationLine,
} from './transcript-lines';

const STAMP = /^\[(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\][ \t]*/;

/** Parses a `Speaker: text` transcript. */
export function parseTextTranscript(text: string): ImportedSegment[] {
  const lines = splitLines(text);
  const out = new SegmentBuilder();
  let current: ImportedSegment | null = null;
  let lastSpeaker = '';
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') {
      current = null;
      return;
    }
    const translation = translationLine(line);
    if (translation !== null) {
      out.translate(lineNo, translation);
      return;
    }
    const stamp = STAMP.exec(line);
    const startMs = stamp ? stampMs(stamp, lineNo) : null;
    const { speaker, text: body } = splitSpeaker(stamp ? line.slice(stamp[0].length) : line);
    if (speaker === null && current && startMs === null) {
      appendText(current, body);
      return;
    }
    lastSpeaker = speaker ?? lastSpeaker;
    current = out.start(lineNo, lastSpeaker, startMs, null, body);
  });
  return out.finish();
}

function stampMs(m: RegExpExecArray, lineNo: number): number {
  const [h, mi, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (s > 59 || (m[1] !== undefined && mi > 59))
    throw lineError(lineNo, `"${m[0].trim()}" is not a valid time; use [MM:SS] or [HH:MM:SS].`);
  return ((h * 60 + mi) * 60 + s) * 1000 + Number((m[4] ?? '0').padEnd(3, '0'));
}

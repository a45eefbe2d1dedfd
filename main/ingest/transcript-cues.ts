/**
 * SubRip (.srt) and WebVTT (.vtt) parsers. Each cue becomes one segment, or
 * several when its lines name different speakers (`Speaker: ` prefix, or a
 * WebVTT `<v Speaker>` voice tag); all carry the cue's times.
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

const SRT_TIME = /^(\d{1,3}):(\d{2}):(\d{2})[,.](\d{1,3})$/;
const VTT_TIME = /^(?:(\d{1,3}):)?(\d{2}):(\d{2})\.(\d{3})$/;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/;

function toMs(m: RegExpExecArray, hourGroup: number): number | null {
  const [h, mi, s, ms] = [
    Number(m[hourGroup] ?? 0),
    Number(m[hourGroup + 1]),
    Number(m[hourGroup + 2]),
    m[hourGroup + 3] ?? '0',
  ];
  if (mi > 59 || s > 59) return null;
  return ((h * 60 + mi) * 60 + s) * 1000 + Number(ms.padEnd(3, '0'));
}

function parseTiming(line: string, lineNo: number, format: 'srt' | 'vtt'): { startMs: number; endMs: number } | null {
  const m = TIMING.exec(line.trim());
  if (!m?.[1] || !m[2]) return null;
  const pattern = format === 'srt' ? SRT_TIME : VTT_TIME;
  const [a, b] = [pattern.exec(m[1]), pattern.exec(m[2])];
  const startMs = a ? toMs(a, 1) : null;
  const endMs = b ? toMs(b, 1) : null;
  if (startMs === null || endMs === null)
    throw lineError(
      lineNo,
      `"${line.trim().slice(0, 60)}" is not a valid cue time; use ` +
        `${format === 'srt' ? '00:01:02,345 --> 00:01:05,000' : '00:01:02.345 --> 00:01:05.000'}.`,
    );
  if (endMs < startMs) throw lineError(lineNo, 'the cue ends before it starts.');
  return { startMs, endMs };
}

/** Parses SubRip: optional number line, time line, text lines, blank line. */
export function parseSrt(text: string): ImportedSegment[] {
  const lines = splitLines(text);
  const out = new SegmentBuilder();
  let i = 0;
  while (i < lines.length) {
    if ((lines[i] ?? '').trim() === '') {
      i += 1;
      continue;
    }
    if (/^\d+$/.test((lines[i] ?? '').trim())) i += 1;
    const timing = parseTiming(lines[i] ?? '', i + 1, 'srt');
    if (!timing) throw lineError(i + 1, 'expected a cue time line such as "00:01:02,345 --> 00:01:05,000".');
    i = cueText(lines, i + 1, out, timing, (line) => splitSpeaker(line));
  }
  return out.finish();
}

/**
 * Parses WebVTT: WEBVTT header, optional cue ids, NOTE/STYLE/REGION blocks skipped, voice tags read, other tags
 * stripped.
 */
export function parseVtt(text: string): ImportedSegment[] {
  const lines = splitLines(text);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw lineError(1, 'a WebVTT file must start with "WEBVTT".');
  const out = new SegmentBuilder();
  let i = skipBlock(lines, 0);
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(line)) {
      i = skipBlock(lines, i);
      continue;
    }
    if (!line.includes('-->')) i += 1; // a cue identifier
    const timing = parseTiming(lines[i] ?? '', i + 1, 'vtt');
    if (!timing) throw lineError(i + 1, 'expected a cue time line such as "00:01.000 --> 00:04.000".');
    i = cueText(lines, i + 1, out, timing, vttLine);
  }
  return out.finish();
}

function skipBlock(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && (lines[i] ?? '').trim() !== '') i += 1;
  return i;
}

/** Reads a cue's text lines up to the blank line; returns the index after them. */
function cueText(
  lines: string[],
  from: number,
  out: SegmentBuilder,
  timing: { startMs: number; endMs: number },
  read: (line: string) => { speaker: string | null; text: string },
): number {
  let i = from;
  let current: ImportedSegment | null = null;
  while (i < lines.length && (lines[i] ?? '').trim() !== '') {
    const raw = lines[i] ?? '';
    const translation = translationLine(raw);
    if (translation !== null) out.translate(i + 1, translation);
    else {
      const { speaker, text } = read(raw);
      if (speaker !== null || !current)
        current = out.start(i + 1, speaker ?? '', timing.startMs, timing.endMs, text.trim());
      else appendText(current, text.trim());
    }
    i += 1;
  }
  return i;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
  quot: '"',
  apos: "'",
};

// A voice tag names the speaker; every other tag (<i>, <c.x>, <00:01.000>) is markup only.
function vttLine(line: string): { speaker: string | null; text: string } {
  const voice = /^<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/.exec(line);
  const stripped = line
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
  if (voice?.[1]) return { speaker: voice[1].trim(), text: stripped.trim() };
  return splitSpeaker(stripped.trim());
}

/** The transcript editor's working copy: segments as inputs hold them, and the segments a revision is saved from. */
import type { Res } from '../../../shared/contract';
import { formatTimecode, parseTimecode } from '../../../shared/timecode';

/** A stored segment. */
export type Segment = Res<'interviews:revision'>['segments'][number];

/** One segment being edited; `key` is stable across edits so React keeps each row's inputs. */
export interface DraftSegment {
  key: string;
  speaker: string;
  start: string;
  end: string;
  text: string;
  translation: string;
}

let counter = 0;

/** A key no other draft row has. */
function newKey(): string {
  counter += 1;
  return `s${counter}`;
}

/** The working copy of stored segments. */
export function toDrafts(segments: readonly Segment[]): DraftSegment[] {
  return segments.map((s) => ({
    key: newKey(),
    speaker: s.speaker,
    start: formatTimecode(s.startMs),
    end: formatTimecode(s.endMs),
    text: s.text,
    translation: s.translation ?? '',
  }));
}

/** An empty segment that starts where `after` ends (if known), spoken by the same person. */
export function blankAfter(after: DraftSegment | undefined): DraftSegment {
  return { key: newKey(), speaker: after?.speaker ?? '', start: after?.end ?? '', end: '', text: '', translation: '' };
}

/** Splits a segment in two: the text at `at` (default: the space nearest the middle), the time at the midpoint. */
export function splitDraft(d: DraftSegment, at?: number): [DraftSegment, DraftSegment] {
  const cut = at !== undefined && at > 0 && at < d.text.length ? at : middleSpace(d.text);
  const start = parseTimecode(d.start)?.ms ?? null;
  const end = parseTimecode(d.end)?.ms ?? null;
  const mid = start !== null && end !== null ? formatTimecode(Math.round((start + end) / 2)) : '';
  return [
    { ...d, end: mid || d.end, text: d.text.slice(0, cut).trim(), translation: d.translation },
    {
      key: newKey(),
      speaker: d.speaker,
      start: mid,
      end: mid ? d.end : '',
      text: d.text.slice(cut).trim(),
      translation: '',
    },
  ];
}

function middleSpace(text: string): number {
  const middle = Math.floor(text.length / 2);
  const after = text.indexOf(' ', middle);
  const before = text.lastIndexOf(' ', middle);
  if (after < 0 && before < 0) return middle;
  if (after < 0) return before;
  if (before < 0) return after;
  return middle - before <= after - middle ? before : after;
}

/** Which field of which row is not a valid time code, if any. */
export interface DraftProblem {
  index: number;
  field: 'start' | 'end';
}

/** The segments to save, or the first time code that cannot be read. */
export function fromDrafts(drafts: readonly DraftSegment[]): { segments: Segment[] } | { problem: DraftProblem } {
  const segments: Segment[] = [];
  for (const [index, d] of drafts.entries()) {
    const start = parseTimecode(d.start);
    if (start === null) return { problem: { index, field: 'start' } };
    const end = parseTimecode(d.end);
    if (end === null) return { problem: { index, field: 'end' } };
    segments.push({
      speaker: d.speaker.trim(),
      startMs: start.ms,
      endMs: end.ms,
      text: d.text.trim(),
      translation: d.translation.trim() === '' ? null : d.translation.trim(),
    });
  }
  return { segments };
}

/** The index of the segment being played at `ms`: the last that started, while it has not ended. */
export function playingIndex(segments: readonly DraftSegment[], ms: number | null): number {
  if (ms === null) return -1;
  let found = -1;
  for (const [i, d] of segments.entries()) {
    const start = parseTimecode(d.start)?.ms ?? null;
    if (start === null || start > ms) continue;
    const end = parseTimecode(d.end)?.ms ?? null;
    if (end === null || ms < end) found = i;
  }
  return found;
}

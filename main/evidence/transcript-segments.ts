import { VigilError } from '../../shared/errors';

/** One transcript segment: who spoke, when (milliseconds from the start of the recording, if known), what was said. */
export interface Segment {
  speaker: string;
  startMs: number | null;
  endMs: number | null;
  text: string;
  translation: string | null;
}

/** Bounds that keep one revision within what the vault, the search index and a reader can handle. */
export const SEGMENT_LIMITS = {
  maxSegments: 50_000,
  maxSpeaker: 200,
  maxText: 20_000,
  // A week of recording: anything longer is a unit mistake (seconds or microseconds given as ms).
  maxMs: 7 * 24 * 3600 * 1000,
} as const;

/**
 * Checks and normalises the segments of a new revision: at least one, not
 * too many, non-empty text, whole non-negative times with end ≥ start, and
 * start times that never go backwards. Surrounding whitespace is trimmed and
 * an empty translation becomes null, so the hash covers only meaningful content.
 */
export function normaliseSegments(input: readonly Segment[]): Segment[] {
  if (!Array.isArray(input) || input.length === 0)
    throw bad('A transcript needs at least one segment; nothing was saved.');
  if (input.length > SEGMENT_LIMITS.maxSegments)
    throw bad(
      `A transcript may have at most ${SEGMENT_LIMITS.maxSegments} segments (this one has ${input.length}); ` +
        `split the interview.`,
    );
  const out: Segment[] = [];
  let lastStart = -1;
  for (const [i, seg] of input.entries()) {
    const n = i + 1;
    const segment = normaliseOne(seg, n);
    if (segment.startMs !== null) {
      if (segment.startMs < lastStart)
        throw bad(`Segment ${n} starts before segment ${n - 1}: segments must be in time order. Nothing was saved.`);
      lastStart = segment.startMs;
    }
    out.push(segment);
  }
  return out;
}

function normaliseOne(seg: Segment, n: number): Segment {
  if (typeof seg !== 'object' || seg === null) throw bad(`Segment ${n} is not a segment. Nothing was saved.`);
  const speaker = typeof seg.speaker === 'string' ? seg.speaker.trim() : '';
  if (speaker.length > SEGMENT_LIMITS.maxSpeaker)
    throw bad(`Segment ${n}: the speaker is longer than ${SEGMENT_LIMITS.maxSpeaker} characters. Nothing was saved.`);
  const text = typeof seg.text === 'string' ? seg.text.trim() : '';
  if (text.length === 0) throw bad(`Segment ${n} has no text. Remove it or fill it in; nothing was saved.`);
  if (text.length > SEGMENT_LIMITS.maxText)
    throw bad(`Segment ${n} is longer than ${SEGMENT_LIMITS.maxText} characters; split it. Nothing was saved.`);
  const translation =
    typeof seg.translation === 'string' && seg.translation.trim() !== '' ? seg.translation.trim() : null;
  if (translation !== null && translation.length > SEGMENT_LIMITS.maxText)
    throw bad(
      `The translation of segment ${n} is longer than ${SEGMENT_LIMITS.maxText} characters; split it. Nothing ` +
        `was saved.`,
    );
  const startMs = checkTime(seg.startMs, n, 'start');
  const endMs = checkTime(seg.endMs, n, 'end');
  if (startMs !== null && endMs !== null && endMs < startMs)
    throw bad(`Segment ${n} ends before it starts. Nothing was saved.`);
  return { speaker, startMs, endMs, text, translation };
}

function checkTime(value: unknown, n: number, which: 'start' | 'end'): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > SEGMENT_LIMITS.maxMs) {
    throw bad(
      `Segment ${n}: the ${which} time must be whole milliseconds between 0 and ${SEGMENT_LIMITS.maxMs}. ` +
        `Nothing was saved.`,
    );
  }
  return value;
}

function bad(message: string): VigilError {
  return new VigilError('INVALID_INPUT', message);
}

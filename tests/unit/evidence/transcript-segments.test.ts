import { describe, expect, it } from 'vitest';
import { normaliseSegments, SEGMENT_LIMITS, type Segment } from '../../../main/evidence/transcript-segments';
import { formatTimecode } from '../../../shared/timecode';

const ok: Segment = { speaker: ' A ', startMs: 0, endMs: 1000, text: ' hello \n', translation: '  ' };

describe('evidence/transcript-segments/normaliseSegments', () => {
  it('trims text and speaker and turns an empty translation into null', () => {
    expect(normaliseSegments([ok])).toEqual([
      { speaker: 'A', startMs: 0, endMs: 1000, text: 'hello', translation: null },
    ]);
  });

  it('accepts untimed segments and equal start times', () => {
    const segs: Segment[] = [
      { speaker: '', startMs: null, endMs: null, text: 'a', translation: null },
      { speaker: 'B', startMs: 5, endMs: 5, text: 'b', translation: 'б' },
      { speaker: 'B', startMs: 5, endMs: null, text: 'c', translation: null },
    ];
    expect(normaliseSegments(segs)).toHaveLength(3);
  });

  it.each([
    ['no segments', [] as Segment[], /at least one/],
    ['empty text', [{ ...ok, text: ' ' }], /has no text/],
    ['end before start', [{ ...ok, startMs: 10, endMs: 9 }], /ends before it starts/],
    [
      'out of order',
      [
        { ...ok, startMs: 10 },
        { ...ok, startMs: 9, endMs: 20 },
      ],
      /time order/,
    ],
    ['fractional time', [{ ...ok, endMs: 1.5 }], /whole milliseconds/],
    ['NaN time', [{ ...ok, startMs: Number.NaN }], /whole milliseconds/],
    ['time too large', [{ ...ok, endMs: SEGMENT_LIMITS.maxMs + 1 }], /whole milliseconds/],
    ['long speaker', [{ ...ok, speaker: 's'.repeat(SEGMENT_LIMITS.maxSpeaker + 1) }], /speaker is longer/],
    ['long text', [{ ...ok, text: 't'.repeat(SEGMENT_LIMITS.maxText + 1) }], /longer than/],
    ['long translation', [{ ...ok, translation: 't'.repeat(SEGMENT_LIMITS.maxText + 1) }], /translation of segment 1/],
    ['not a segment', [null as unknown as Segment], /not a segment/],
  ])('rejects %s', (_name, segs, message) => {
    expect(() => normaliseSegments(segs)).toThrow(message);
  });

  it('rejects too many segments', () => {
    const segs = Array.from({ length: SEGMENT_LIMITS.maxSegments + 1 }, () => ok);
    expect(() => normaliseSegments(segs)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('shared/timecode/formatTimecode without milliseconds, as transcripts print it', () => {
  it('formats hours, minutes and seconds', () => {
    expect(formatTimecode(0, { millis: false })).toBe('00:00:00');
    expect(formatTimecode(62_999, { millis: false })).toBe('00:01:02');
    expect(formatTimecode(3_723_000, { millis: false })).toBe('01:02:03');
    expect(formatTimecode(100 * 3600 * 1000, { millis: false })).toBe('100:00:00');
  });
});

import { describe, expect, it } from 'vitest';
import {
  blankAfter,
  fromDrafts,
  playingIndex,
  splitDraft,
  toDrafts,
} from '../../../../../renderer/features/interviews/segment-draft';
import { formatTimecode, parseTimecode, shortTimecode } from '../../../../../shared/timecode';

const SEGMENTS = [
  { speaker: 'Interviewer', startMs: 0, endMs: 6000, text: 'When did you last hear from your son?', translation: null },
  {
    speaker: 'R-001',
    startMs: 6500,
    endMs: 21000,
    text: 'In November the letters stopped.',
    translation: 'У листопаді листи припинилися.',
  },
];

describe('renderer/features/interviews/timecode', () => {
  it('formats and reads time codes both ways', () => {
    expect(formatTimecode(null)).toBe('');
    expect(formatTimecode(3_723_500)).toBe('01:02:03.500');
    expect(shortTimecode(6500)).toBe('00:06');
    expect(shortTimecode(3_723_500)).toBe('1:02:03');
    for (const [text, ms] of [
      ['01:02:03.500', 3_723_500],
      ['1:02:03,5', 3_723_500],
      ['02:03', 123_000],
      ['62.5', 62_500],
      ['', null],
    ] as const) {
      expect(parseTimecode(text), text).toEqual({ ms });
    }
    for (const bad of ['1:75', '1:02:75', 'abc', '-3', '1:2:3:4']) expect(parseTimecode(bad), bad).toBeNull();
  });
});

describe('renderer/features/interviews/segment-draft', () => {
  it('round-trips stored segments through the working copy', () => {
    expect(fromDrafts(toDrafts(SEGMENTS))).toEqual({ segments: SEGMENTS });
  });

  it('names the first unreadable time code instead of saving', () => {
    const drafts = toDrafts(SEGMENTS);
    const second = drafts[1];
    if (!second) throw new Error('no draft');
    drafts[1] = { ...second, end: '1:99' };
    expect(fromDrafts(drafts)).toEqual({ problem: { index: 1, field: 'end' } });
  });

  it('splits at the cursor, or at the space nearest the middle, halving the time', () => {
    const [, second] = toDrafts(SEGMENTS);
    if (!second) throw new Error('no draft');
    const [a, b] = splitDraft(second, 'In November'.length);
    expect([a.text, b.text]).toEqual(['In November', 'the letters stopped.']);
    expect([a.start, a.end, b.start, b.end]).toEqual(['00:00:06.500', '00:00:13.750', '00:00:13.750', '00:00:21.000']);
    expect(b.key).not.toBe(a.key);
    const [c, d] = splitDraft(second, undefined);
    expect(`${c.text} ${d.text}`).toBe(second.text);
  });

  it('a blank segment continues where the previous one ended, with its speaker', () => {
    const [first] = toDrafts(SEGMENTS);
    expect(blankAfter(first)).toMatchObject({ speaker: 'Interviewer', start: '00:00:06.000', end: '', text: '' });
  });

  it('finds the segment being played', () => {
    const drafts = toDrafts(SEGMENTS);
    expect(playingIndex(drafts, null)).toBe(-1);
    expect(playingIndex(drafts, 100)).toBe(0);
    expect(playingIndex(drafts, 6200)).toBe(-1);
    expect(playingIndex(drafts, 7000)).toBe(1);
    expect(playingIndex(drafts, 30_000)).toBe(-1);
  });
});

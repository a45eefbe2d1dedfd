import { describe, expect, it } from 'vitest';
import {
  diffLines,
  historyLines,
  revisionText,
  segmentLine,
  segmentLines,
} from '../../../../main/cli/commands/transcript-format';
import { diffSegments } from '../../../../main/evidence/transcript-diff';
import type { Segment } from '../../../../main/evidence/transcript-segments';
import type { Revision } from '../../../../main/evidence/transcripts';

const timed: Segment = {
  speaker: 'W-001',
  startMs: 62_000,
  endMs: 65_000,
  text: 'He was moved in March.',
  translation: 'Його перевели в березні.\nУ березні.',
};
const plain: Segment = { speaker: '', startMs: null, endMs: null, text: 'No speaker, no time.', translation: null };

describe('cli/transcript-format/segmentLine', () => {
  it('prints [HH:MM:SS] SPEAKER: text, leaving out what is unknown', () => {
    expect(segmentLine(timed)).toBe('[00:01:02] W-001: He was moved in March.');
    expect(segmentLine(plain)).toBe('No speaker, no time.');
    expect(segmentLine({ ...plain, speaker: 'A' })).toBe('A: No speaker, no time.');
  });

  it('indents each translation line below the segment', () => {
    expect(segmentLines(timed)).toEqual([
      '[00:01:02] W-001: He was moved in March.',
      '    Його перевели в березні.',
      '    У березні.',
    ]);
  });
});

describe('cli/transcript-format/revisionText', () => {
  it('prints a header and the segments', () => {
    const rev: Revision = {
      id: 'r',
      interviewId: 'i',
      revision: 2,
      sha256: 'ab'.repeat(32),
      note: 'fixed names',
      createdAt: '2026-01-01T00:00:00Z',
      createdBy: { id: 'm', name: 'Anna' },
      segments: [timed, plain],
    };
    const lines = revisionText(rev, 3);
    expect(lines[0]).toMatch(/^# Revision 2 of 3 · 2 segments · by Anna/);
    expect(lines[1]).toBe('# fixed names');
    expect(lines.slice(3)).toEqual([...segmentLines(timed), 'No speaker, no time.']);
    expect(historyLines([{ ...rev, segmentCount: 2 }])[0]).toMatch(
      /^r2 {2}2026-01-01T00:00:00Z {2}Anna {2}2 segments {2}sha256 abab/,
    );
    expect(historyLines([])[0]).toMatch(/No transcript yet/);
  });
});

describe('cli/transcript-format/diffLines', () => {
  it('marks removed, added and changed segments and counts them', () => {
    const a = [timed, { ...plain, text: 'gone' }];
    const b = [
      { ...timed, text: 'He was moved in April.' },
      { ...plain, text: 'new' },
    ];
    const lines = diffLines(diffSegments(a, b), 1, 2);
    expect(lines[0]).toBe('Revision 1 → 2: 1 changed, 1 added, 1 removed, 0 unchanged');
    expect(lines).toContain('~ segment 1 → 1 (text changed):');
    expect(lines).toContain('-   [00:01:02] W-001: He was moved in March.');
    expect(lines).toContain('+   [00:01:02] W-001: He was moved in April.');
    expect(lines).toContain('- gone');
    expect(lines).toContain('+ new');
  });
});

import { describe, expect, it } from 'vitest';
import { changedFields, diffRevisions, diffSegments } from '../../../main/evidence/transcript-diff';
import type { Segment } from '../../../main/evidence/transcript-segments';

function s(speaker: string, start: number | null, text: string, translation: string | null = null): Segment {
  return { speaker, startMs: start, endMs: start === null ? null : start + 1000, text, translation };
}

const ops = (a: Segment[], b: Segment[]): string[] => diffSegments(a, b).map((d) => d.op);

describe('evidence/transcript-diff/diffSegments', () => {
  it('reports identical revisions as unchanged', () => {
    const a = [s('A', 0, 'one'), s('B', 2000, 'two')];
    expect(
      diffSegments(
        a,
        a.map((x) => ({ ...x })),
      ),
    ).toEqual([
      { op: 'unchanged', a: 0, b: 0, segment: a[0] },
      { op: 'unchanged', a: 1, b: 1, segment: a[1] },
    ]);
  });

  it('finds an inserted segment in the middle and keeps the rest aligned', () => {
    const a = [s('A', 0, 'one'), s('B', 2000, 'two'), s('A', 4000, 'three')];
    const b = [a[0]!, s('C', 1000, 'inserted'), a[1]!, a[2]!];
    expect(diffSegments(a, b)).toEqual([
      { op: 'unchanged', a: 0, b: 0, segment: a[0] },
      { op: 'added', b: 1, segment: b[1] },
      { op: 'unchanged', a: 1, b: 2, segment: a[1] },
      { op: 'unchanged', a: 2, b: 3, segment: a[2] },
    ]);
  });

  it('finds a removed segment', () => {
    const a = [s('A', 0, 'one'), s('B', 2000, 'two'), s('A', 4000, 'three')];
    expect(diffSegments(a, [a[0]!, a[2]!])).toEqual([
      { op: 'unchanged', a: 0, b: 0, segment: a[0] },
      { op: 'removed', a: 1, segment: a[1] },
      { op: 'unchanged', a: 2, b: 1, segment: a[2] },
    ]);
  });

  it('pairs a segment whose text was corrected by its speaker and times, naming the changed fields', () => {
    const a = [s('A', 0, 'one'), s('B', 2000, 'tow'), s('A', 4000, 'three')];
    const b = [a[0]!, s('B', 2000, 'two', 'два'), a[2]!];
    expect(diffSegments(a, b)[1]).toEqual({
      op: 'changed',
      a: 1,
      b: 1,
      fields: ['text', 'translation'],
      before: a[1],
      after: b[1],
    });
  });

  it('pairs a segment whose times or speaker changed by its text', () => {
    const a = [s('A', 0, 'one'), s('B', 2000, 'two')];
    const b = [a[0]!, s('Witness', 2500, 'two')];
    expect(diffSegments(a, b)[1]).toMatchObject({ op: 'changed', fields: ['speaker', 'startMs', 'endMs'] });
  });

  it('does not pair untimed segments by speaker alone', () => {
    const a = [s('A', null, 'hello'), s('B', null, 'hi'), s('A', null, 'how are you')];
    const b = [s('A', null, 'hello'), s('B', null, 'hi'), s('A', null, 'something else entirely')];
    expect(ops(a, b)).toEqual(['unchanged', 'unchanged', 'removed', 'added']);
  });

  it('handles empty sides', () => {
    const a = [s('A', 0, 'one')];
    expect(ops([], a)).toEqual(['added']);
    expect(ops(a, [])).toEqual(['removed']);
    expect(ops([], [])).toEqual([]);
  });

  it('accounts for every segment of both sides exactly once, in order, on a large shuffled edit', () => {
    const a = Array.from({ length: 400 }, (_, i) => s(i % 2 ? 'A' : 'B', i * 1000, `line ${i}`));
    const b = a
      .filter((_, i) => i % 7 !== 0)
      .map((x, i) => (i % 5 === 0 ? { ...x, text: `${x.text} (corrected)` } : x));
    b.splice(100, 0, s('C', 99_500, 'new remark'));
    const diff = diffSegments(a, b);
    const aSeen = diff.flatMap((d) => ('a' in d ? [d.a] : []));
    const bSeen = diff.flatMap((d) => ('b' in d ? [d.b] : []));
    expect(aSeen).toEqual(a.map((_, i) => i));
    expect(bSeen).toEqual(b.map((_, i) => i));
    expect(diff.filter((d) => d.op === 'removed')).toHaveLength(Math.ceil(400 / 7));
    expect(diff.filter((d) => d.op === 'added')).toHaveLength(1);
    expect(diff.filter((d) => d.op === 'changed').every((d) => d.op === 'changed' && d.fields.join() === 'text')).toBe(
      true,
    );
  });

  it('still accounts for every segment when the edit is too large for the table', () => {
    const a = Array.from({ length: 2500 }, (_, i) => s('A', i * 1000, `a ${i}`));
    const b = Array.from({ length: 2500 }, (_, i) => s('A', i * 1000 + 1, `b ${i}`));
    const diff = diffSegments(a, b);
    expect(diff.filter((d) => d.op === 'removed')).toHaveLength(2500);
    expect(diff.filter((d) => d.op === 'added')).toHaveLength(2500);
  });
});

describe('evidence/transcript-diff/diffRevisions', () => {
  it('diffs the segments of two revisions', () => {
    const a = { segments: [s('A', 0, 'one')] };
    const b = { segments: [s('A', 0, 'uno')] };
    expect(diffRevisions(a, b)).toEqual([
      { op: 'changed', a: 0, b: 0, fields: ['text'], before: a.segments[0], after: b.segments[0] },
    ]);
  });
});

describe('evidence/transcript-diff/changedFields', () => {
  it('names each differing field', () => {
    expect(changedFields(s('A', 0, 'x'), s('A', 0, 'x'))).toEqual([]);
    expect(changedFields(s('A', 0, 'x'), { speaker: 'B', startMs: 0, endMs: 5, text: 'x', translation: 't' })).toEqual([
      'speaker',
      'endMs',
      'translation',
    ]);
  });
});

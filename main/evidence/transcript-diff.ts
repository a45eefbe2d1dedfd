import type { Segment } from './transcript-segments';

/** A field of a segment, as a changed segment names them. */
type SegmentField = keyof Segment;

/** One line of a segment-level diff; `a` and `b` are 0-based positions in the older and newer revision. */
export type SegmentDiff =
  | { op: 'unchanged'; a: number; b: number; segment: Segment }
  | { op: 'changed'; a: number; b: number; fields: SegmentField[]; before: Segment; after: Segment }
  | { op: 'removed'; a: number; segment: Segment }
  | { op: 'added'; b: number; segment: Segment };

const FIELDS: readonly SegmentField[] = ['speaker', 'startMs', 'endMs', 'text', 'translation'];

// Above this many cells the quadratic table would cost too much memory (4 bytes a cell); the
// middle part is then compared position by position, which is still correct, only less tidy.
const MAX_TABLE_CELLS = 4_000_000;

/**
 * A readable segment-level diff from revision `a` to revision `b`: segments are
 * aligned by a longest common subsequence where two segments correspond when
 * they have the same text, or the same speaker and times; corresponding
 * segments are unchanged or changed (naming the fields), the rest removed or added.
 */
export function diffRevisions(a: { segments: readonly Segment[] }, b: { segments: readonly Segment[] }): SegmentDiff[] {
  return diffSegments(a.segments, b.segments);
}

/** The diff of two segment lists (see diffRevisions). */
export function diffSegments(a: readonly Segment[], b: readonly Segment[]): SegmentDiff[] {
  let start = 0;
  while (start < a.length && start < b.length && changedFields(at(a, start), at(b, start)).length === 0) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && changedFields(at(a, endA - 1), at(b, endB - 1)).length === 0) {
    endA--;
    endB--;
  }
  const out: SegmentDiff[] = [];
  for (let i = 0; i < start; i++) out.push({ op: 'unchanged', a: i, b: i, segment: at(a, i) });
  const middle =
    (endA - start) * (endB - start) <= MAX_TABLE_CELLS
      ? alignByLcs(a, b, start, endA, start, endB)
      : alignByPosition(a, b, start, endA, start, endB);
  out.push(...middle);
  for (let k = 0; endA + k < a.length; k++)
    out.push({ op: 'unchanged', a: endA + k, b: endB + k, segment: at(a, endA + k) });
  return out;
}

/** The fields that differ between two segments, in a fixed order. */
export function changedFields(x: Segment, y: Segment): SegmentField[] {
  return FIELDS.filter((f) => x[f] !== y[f]);
}

/** Whether two segments are the same passage of the interview, perhaps edited. */
function corresponds(x: Segment, y: Segment): boolean {
  if (x.text === y.text) return true;
  // Without times, speaker alone would pair unrelated lines of a dialogue.
  return x.startMs !== null && x.speaker === y.speaker && x.startMs === y.startMs && x.endMs === y.endMs;
}

function alignByLcs(
  a: readonly Segment[],
  b: readonly Segment[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): SegmentDiff[] {
  const n = a1 - a0;
  const m = b1 - b0;
  const width = m + 1;
  // table[i * width + j] = length of the best alignment of a[a0+i..a1) with b[b0+j..b1).
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = corresponds(at(a, a0 + i), at(b, b0 + j))
        ? cell(table, (i + 1) * width + j + 1) + 1
        : Math.max(cell(table, (i + 1) * width + j), cell(table, i * width + j + 1));
    }
  }
  const out: SegmentDiff[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && corresponds(at(a, a0 + i), at(b, b0 + j))) {
      out.push(pair(a, b, a0 + i++, b0 + j++));
    } else if (j >= m || (i < n && cell(table, (i + 1) * width + j) >= cell(table, i * width + j + 1))) {
      out.push({ op: 'removed', a: a0 + i, segment: at(a, a0 + i) });
      i++;
    } else {
      out.push({ op: 'added', b: b0 + j, segment: at(b, b0 + j) });
      j++;
    }
  }
  return out;
}

function alignByPosition(
  a: readonly Segment[],
  b: readonly Segment[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): SegmentDiff[] {
  const out: SegmentDiff[] = [];
  const common = Math.min(a1 - a0, b1 - b0);
  for (let k = 0; k < common; k++) {
    if (corresponds(at(a, a0 + k), at(b, b0 + k))) out.push(pair(a, b, a0 + k, b0 + k));
    else
      out.push(
        { op: 'removed', a: a0 + k, segment: at(a, a0 + k) },
        { op: 'added', b: b0 + k, segment: at(b, b0 + k) },
      );
  }
  for (let k = a0 + common; k < a1; k++) out.push({ op: 'removed', a: k, segment: at(a, k) });
  for (let k = b0 + common; k < b1; k++) out.push({ op: 'added', b: k, segment: at(b, k) });
  return out;
}

function pair(a: readonly Segment[], b: readonly Segment[], i: number, j: number): SegmentDiff {
  const before = at(a, i);
  const after = at(b, j);
  const fields = changedFields(before, after);
  return fields.length === 0
    ? { op: 'unchanged', a: i, b: j, segment: after }
    : { op: 'changed', a: i, b: j, fields, before, after };
}

function at(list: readonly Segment[], i: number): Segment {
  const s = list[i];
  if (s === undefined) throw new RangeError(`segment ${i} out of range`);
  return s;
}

function cell(table: Uint32Array, k: number): number {
  return table[k] ?? 0;
}

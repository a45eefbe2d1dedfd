import { assertNever } from '../../../shared/errors';
import { formatTimecode } from '../../../shared/timecode';
import type { InterviewRow } from '../../evidence/interviews';
import type { SegmentDiff } from '../../evidence/transcript-diff';
import type { Segment } from '../../evidence/transcript-segments';
import type { Revision, RevisionInfo } from '../../evidence/transcripts';

const INDENT = '    ';

/** `[00:01:02] SPEAKER: text`, leaving out what is not known. */
export function segmentLine(s: Segment): string {
  const time = s.startMs === null ? '' : `[${formatTimecode(s.startMs, { millis: false })}] `;
  const speaker = s.speaker ? `${s.speaker}: ` : '';
  return `${time}${speaker}${s.text}`;
}

/** A segment as readable lines: the segment line, then its translation indented below. */
export function segmentLines(s: Segment, prefix = ''): string[] {
  const lines = [`${prefix}${segmentLine(s)}`];
  if (s.translation) for (const line of s.translation.split('\n')) lines.push(`${prefix}${INDENT}${line}`);
  return lines;
}

/** A whole revision for reading: a header line, then every segment. */
export function revisionText(rev: Revision, of: number): string[] {
  const header =
    `# Revision ${rev.revision} of ${of} · ${rev.segments.length} segments · by ${rev.createdBy.name} at ` +
    `${rev.createdAt} · sha256 ${rev.sha256}`;
  return [header, ...(rev.note ? [`# ${rev.note}`] : []), '', ...rev.segments.flatMap((s) => segmentLines(s))];
}

/** One line per revision, oldest first. */
export function historyLines(revs: RevisionInfo[]): string[] {
  if (revs.length === 0) return ['No transcript yet. Add one with: vigil transcript import <vault> <interview> <file>'];
  return revs.map(
    (r) =>
      `r${r.revision}  ${r.createdAt}  ${r.createdBy.name}  ${r.segmentCount} segments  sha256 ` +
      `${r.sha256.slice(0, 16)}…${r.note ? `  ${r.note}` : ''}`,
  );
}

/** A diff as readable lines: `-` removed, `+` added, `~` changed (old then new, with the fields), blank unchanged. */
export function diffLines(diff: SegmentDiff[], from: number, to: number): string[] {
  const counts = { unchanged: 0, changed: 0, added: 0, removed: 0 };
  const body: string[] = [];
  for (const d of diff) {
    counts[d.op]++;
    switch (d.op) {
      case 'unchanged':
        body.push(...segmentLines(d.segment, '  '));
        break;
      case 'added':
        body.push(...segmentLines(d.segment, '+ '));
        break;
      case 'removed':
        body.push(...segmentLines(d.segment, '- '));
        break;
      case 'changed':
        body.push(
          `~ segment ${d.a + 1} → ${d.b + 1} (${d.fields.join(', ')} changed):`,
          ...segmentLines(d.before, '-   '),
          ...segmentLines(d.after, '+   '),
        );
        break;
      default:
        assertNever(d, 'diff line');
    }
  }
  const summary =
    `Revision ${from} → ${to}: ${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ` +
    `${counts.unchanged} unchanged`;
  return [summary, '', ...body];
}

/** One line for an interview in a list. */
export function interviewLine(iv: InterviewRow): string {
  const date = iv.date ? `${iv.date}${iv.dateApprox ? '~' : ''}` : 'undated';
  const transcript = iv.currentRevision === null ? 'no transcript' : `transcript r${iv.currentRevision}`;
  return (
    `${iv.id}  ${date.padEnd(11)} ${iv.intervieweeCode.padEnd(8)} ${iv.mode.padEnd(10)} ` +
    `${(iv.language || '-').padEnd(8)} ${transcript}, ${iv.recordingItemIds.length} recording(s), by ` +
    `${iv.interviewerName}`
  );
}

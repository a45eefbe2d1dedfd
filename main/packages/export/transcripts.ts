import { formatTimecode } from '../../../shared/timecode';
import type { InterviewRow } from '../../evidence/interviews';
import { recordSalt } from '../../evidence/record-commit';
import { getRevision, type Segment } from '../../evidence/transcripts';
import type { ReadDb } from '../../vault/database';
import type { NamePolicy } from './names';

/** A generated payload file: its path under data/ and its bytes. */
export interface GeneratedFile {
  path: string;
  data: Buffer;
}

function vttTime(ms: number): string {
  return formatTimecode(ms);
}

function txtLines(segments: Segment[]): string {
  const lines: string[] = [];
  for (const s of segments) {
    const time = s.startMs === null ? '' : `[${formatTimecode(s.startMs, { millis: false })}] `;
    lines.push(`${time}${s.speaker ? `${s.speaker}: ` : ''}${s.text}`);
    if (s.translation) for (const line of s.translation.split('\n')) lines.push(`    ${line}`);
  }
  return lines.join('\n') + '\n';
}

function vttText(segments: Segment[]): string {
  const cues: string[] = ['WEBVTT', ''];
  let last = 0;
  segments.forEach((s, i) => {
    // Cues need times: a segment without any keeps the previous end, so the order survives.
    const start = s.startMs ?? last;
    const end = Math.max(start, s.endMs ?? start);
    last = end;
    const voice = s.speaker ? `<v ${s.speaker.replace(/[<>&]/g, ' ')}>` : '';
    const text = [s.text, ...(s.translation ? [`(${s.translation})`] : [])]
      .join('\n')
      .replace(/-->/g, '->')
      .replace(/\n\s*\n/g, '\n');
    cues.push(
      String(i + 1),
      `${vttTime(start)} --> ${vttTime(end)}`,
      `${voice}${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}`,
      '',
    );
  });
  return cues.join('\n');
}

/** The base name of an interview's transcript files: interviewee code, date, short id. */
export function transcriptBaseName(iv: InterviewRow): string {
  return `${iv.intervieweeCode}-${iv.date ?? 'undated'}-${iv.id.slice(0, 8)}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The current transcript revision of each interview as .txt, .vtt and .json.
 * The JSON keeps the signed revision hash; when the profile replaced names it
 * says so (`namesReplaced`), because the text then differs from what was signed.
 * With `withholdUnsalted`, the hash of a revision saved before salts is null: with
 * the codes in the text swapped for guessed names it would confirm them.
 */
export function transcriptFiles(
  db: ReadDb,
  interviews: InterviewRow[],
  policy: NamePolicy,
  opts: { withholdUnsalted?: boolean } = {},
): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const iv of interviews) {
    if (iv.currentRevision === null) continue;
    const rev = getRevision(db, iv.id);
    const segments = rev.segments.map((s) => ({
      ...s,
      speaker: policy.text(s.speaker),
      text: policy.text(s.text),
      translation: s.translation === null ? null : policy.text(s.translation),
    }));
    const changed = segments.some((s, i) => {
      const o = rev.segments[i];
      return o === undefined || s.speaker !== o.speaker || s.text !== o.text || s.translation !== o.translation;
    });
    const sha256 =
      opts.withholdUnsalted === true && recordSalt(db, 'transcript_revisions', rev.id) === null ? null : rev.sha256;
    const json = {
      interviewId: rev.interviewId,
      revision: rev.revision,
      sha256,
      ...(changed ? { namesReplaced: true } : {}),
      segments,
    };
    const base = `transcripts/${transcriptBaseName(iv)}`;
    files.push({ path: `${base}.txt`, data: Buffer.from(txtLines(segments)) });
    files.push({ path: `${base}.vtt`, data: Buffer.from(vttText(segments)) });
    files.push({ path: `${base}.json`, data: Buffer.from(`${JSON.stringify(json, null, 2)}\n`) });
  }
  return files;
}

import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { INTERVIEW_MODES, type InterviewMode, type ItemKind } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';
import { interviewsDiff } from '../../api/interviews';
import { attachRecording, createInterview, getInterview, listInterviews } from '../../evidence/interviews';
import { ItemStaging } from '../../evidence/item-staging';
import { resolveCaseId, resolvePersonId } from '../../evidence/resolve';
import { normaliseSegments, type Segment } from '../../evidence/transcript-segments';
import { getRevision, listRevisions, reviseTranscript } from '../../evidence/transcripts';
import { extensionOf, sniffMediaType, SNIFF_BYTES, suggestItemKind } from '../../ingest/media-type';
import { importTranscriptFile } from '../../ingest/transcripts';
import { collect, vaultOptions } from '../options';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';
import { diffLines, historyLines, interviewLine, revisionText } from './transcript-format';

type JsonOpts = SecretOptions & { json?: boolean };
interface NewOpts extends JsonOpts {
  case: string;
  person: string;
  date?: string;
  approx?: boolean;
  mode?: string;
  language?: string;
  consent?: string;
  transcript?: string;
  recording: string[];
}

const AUDIO = new Set(['mp3', 'wav', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac', 'amr', 'wma', 'aiff', 'aif']);
const VIDEO = new Set(['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'wmv', '3gp', 'mpg', 'mpeg']);

/** The item kind of a recording from its media type (sniffed from its bytes), falling back to its extension. */
async function recordingKind(file: string): Promise<ItemKind> {
  const handle = await open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const kind = suggestItemKind(sniffMediaType(head, path.basename(file)));
  if (kind === 'audio' || kind === 'video') return kind;
  const ext = extensionOf(file);
  return AUDIO.has(ext) ? 'audio' : VIDEO.has(ext) ? 'video' : kind;
}

function interviewMode(value: string): InterviewMode {
  const mode = value.replace(/-/g, '_');
  if (!(INTERVIEW_MODES as readonly string[]).includes(mode))
    throw new VigilError('INVALID_INPUT', `Unknown mode "${value}". Use one of: ${INTERVIEW_MODES.join(', ')}.`);
  return mode as InterviewMode;
}

function consentGiven(value: string): boolean {
  if (value === 'yes' || value === 'no') return value === 'yes';
  throw new VigilError('INVALID_INPUT', `--consent takes "yes" or "no", not "${value}".`);
}

function revisionNumber(value: string): number {
  const n = Number(value.replace(/^r/i, ''));
  if (!Number.isInteger(n) || n < 1)
    throw new VigilError(
      'INVALID_INPUT',
      `"${value}" is not a revision number; "vigil transcript history" lists them.`,
    );
  return n;
}

/** Reads and checks a transcript file before the vault is touched, so a bad file changes nothing. */
async function readTranscript(file: string): Promise<Segment[]> {
  const imported = await importTranscriptFile(file);
  const segments = imported.map((s) => ({
    speaker: s.speaker,
    startMs: s.startMs,
    endMs: s.endMs,
    text: s.text,
    translation: s.translation,
  }));
  normaliseSegments(segments);
  return segments;
}

async function assertFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile())
    throw new VigilError('NOT_FOUND', `Recording ${file} is not a readable file; nothing was created.`);
}

/** `vigil interview new|list|show` and `vigil transcript show|import|history|diff`. */
export function registerInterviewCommands(program: Command): void {
  registerInterview(program);
  registerTranscript(program);
}

function registerInterview(program: Command): void {
  const interview = program.command('interview').description('interviews: create, list, show');
  registerInterviewNew(interview);

  vaultOptions(interview.command('list <dir>').description('the interviews of a case'))
    .requiredOption('--case <case>', 'case id or reference')
    .action(async (dir: string, opts: JsonOpts & { case: string }) => {
      const rows = await withVault(dir, opts, (vault) => listInterviews(vault.db, resolveCaseId(vault.db, opts.case)));
      if (opts.json) return outJson(rows);
      if (rows.length === 0)
        return out('No interviews in this case yet. Add one with: vigil interview new <vault> --case C --person P');
      for (const row of rows) out(interviewLine(row));
    });

  vaultOptions(interview.command('show <dir> <interview>').description('one interview')).action(
    async (dir: string, id: string, opts: JsonOpts) => {
      const row = await withVault(dir, opts, (vault) => getInterview(vault.db, id));
      if (opts.json) return outJson(row);
      out(interviewLine(row));
      out(
        `  consent: ` +
          `${row.consent.given ? 'given' : 'not recorded as given'}${row.consent.date ? ` on ${row.consent.date}` : ''}${row.consent.how ? ` (${row.consent.how})` : ''}`,
      );
      for (const item of row.recordingItemIds) out(`  recording item ${item}`);
    },
  );
}

function registerInterviewNew(interview: Command): void {
  vaultOptions(
    interview
      .command('new <dir>')
      .description('record an interview held by you; optionally import its transcript and attach recordings'),
  )
    .requiredOption('--case <case>', 'case id or reference')
    .requiredOption('--person <person>', 'the interviewee (id or code)')
    .option('--date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--approx', 'the date is approximate')
    .option('--mode <mode>', INTERVIEW_MODES.join(', '))
    .option('--language <language>', 'the language of the interview')
    .option('--consent <yes|no>', 'whether the interviewee consented to the interview being recorded and used')
    .option('--transcript <file>', 'a transcript to import (.srt, .vtt, .docx, or text with "Speaker: text" lines)')
    .option('--recording <file>', 'an audio or video recording to store and attach (repeatable)', collect, [])
    .action(async (dir: string, opts: NewOpts) => {
      const mode = opts.mode === undefined ? undefined : interviewMode(opts.mode);
      const given = opts.consent === undefined ? undefined : consentGiven(opts.consent);
      const segments = opts.transcript ? await readTranscript(opts.transcript) : null;
      for (const file of opts.recording) await assertFile(file);
      const shown = await withVault(dir, opts, async (vault) => {
        const caseId = resolveCaseId(vault.db, opts.case);
        const intervieweeId = resolvePersonId(vault.db, opts.person);
        // The recordings are stored first and everything is recorded in one transaction:
        // a recording that cannot be stored leaves no interview behind.
        const staging = new ItemStaging(vault, {});
        try {
          for (const file of opts.recording) await staging.addFile(file, await recordingKind(file));
        } catch (err) {
          await staging.discard();
          throw err;
        }
        const { id, transcript } = await staging.commit((recordItems) => {
          const created = createInterview(vault, {
            caseId,
            intervieweeId,
            ...(opts.date ? { date: opts.date, dateApprox: Boolean(opts.approx) } : {}),
            ...(mode ? { mode } : {}),
            ...(opts.language ? { language: opts.language } : {}),
            ...(given === undefined ? {} : { consent: { given } }),
          });
          for (const item of recordItems(caseId)) attachRecording(vault, created.id, item.id);
          const revised =
            segments && opts.transcript
              ? reviseTranscript(vault, created.id, segments, `imported from ${path.basename(opts.transcript)}`)
              : null;
          return { id: created.id, transcript: revised };
        });
        return {
          ...getInterview(vault.db, id),
          transcript: transcript ? { ...transcript, segments: transcript.segments.length } : null,
        };
      });
      if (opts.json) return outJson(shown);
      out(`Created interview ${shown.id} with ${shown.intervieweeCode}${shown.date ? ` on ${shown.date}` : ''}`);
      for (const id of shown.recordingItemIds) out(`  recording item ${id}`);
      if (shown.transcript)
        out(
          `  transcript revision ${shown.transcript.revision}: ${shown.transcript.segments} segments, sha256 ` +
            `${shown.transcript.sha256}`,
        );
    });
}

function registerTranscript(program: Command): void {
  const transcript = program
    .command('transcript')
    .description('interview transcripts: show, import a new revision, history, diff');

  vaultOptions(
    transcript.command('show <dir> <interview>').description('a transcript revision (the latest unless --revision)'),
  )
    .option('--revision <n>', 'the revision to show')
    .action(async (dir: string, id: string, opts: JsonOpts & { revision?: string }) => {
      const wanted = opts.revision === undefined ? undefined : revisionNumber(opts.revision);
      const { rev, of } = await withVault(dir, opts, (vault) => ({
        rev: getRevision(vault.db, id, wanted),
        of: listRevisions(vault.db, id).length,
      }));
      if (opts.json) return outJson(rev);
      for (const line of revisionText(rev, of)) out(line);
    });

  vaultOptions(
    transcript
      .command('import <dir> <interview> <file>')
      .description('import a transcript file as a new revision (earlier revisions are kept)'),
  )
    .option('--note <text>', 'why this revision was made')
    .action(async (dir: string, id: string, file: string, opts: JsonOpts & { note?: string }) => {
      const segments = await readTranscript(file);
      const rev = await withVault(dir, opts, (vault) =>
        reviseTranscript(vault, id, segments, opts.note ?? `imported from ${path.basename(file)}`),
      );
      if (opts.json) return outJson(rev);
      out(
        `Saved revision ${rev.revision} of interview ${rev.interviewId}: ${rev.segments.length} segments, ` +
          `sha256 ${rev.sha256}`,
      );
    });

  vaultOptions(transcript.command('history <dir> <interview>').description('every revision of a transcript')).action(
    async (dir: string, id: string, opts: JsonOpts) => {
      const revs = await withVault(dir, opts, (vault) => listRevisions(vault.db, id));
      if (opts.json) return outJson(revs);
      for (const line of historyLines(revs)) out(line);
    },
  );

  vaultOptions(
    transcript.command('diff <dir> <interview> <revA> <revB>').description('compare two revisions segment by segment'),
  ).action(async (dir: string, id: string, revA: string, revB: string, opts: JsonOpts) => {
    const [a, b] = [revisionNumber(revA), revisionNumber(revB)];
    const result = await withVault(dir, opts, (vault) => {
      // The window's interviews:diff, with the interview's id in front as this command has always printed it.
      const { from, to, diff } = interviewsDiff(vault.db, { interviewId: id, from: a, to: b });
      return { interviewId: getInterview(vault.db, id).id, from, to, diff };
    });
    if (opts.json) return outJson(result);
    for (const line of diffLines(result.diff, result.from, result.to)) out(line);
  });
}

/** What the interviews channels answer (the CLI's `interview` and `transcript` commands over the same core). */
import type { ReqParsed, Res } from '../../shared/contract';
import { attachRecording, createInterview, getInterview, listInterviews } from '../evidence/interviews';
import {
  diffRevisions,
  getRevision,
  listRevisions,
  reviseTranscript,
  verifyRevisionHash,
} from '../evidence/transcripts';
import { definedOnly } from '../evidence/validate';
import { importTranscriptFile } from '../ingest/transcripts';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';

/** interviews:list — the interviews of a case. */
export function interviewsList(db: ReadDb, req: ReqParsed<'interviews:list'>): Res<'interviews:list'> {
  return listInterviews(db, req.caseId);
}

/** interviews:get — one interview. */
export function interviewsGet(db: ReadDb, req: ReqParsed<'interviews:get'>): Res<'interviews:get'> {
  return getInterview(db, req.id);
}

/** interviews:create — a new interview, with the consent given when there is one. */
export function interviewsCreate(
  vault: Vault,
  { consent, ...rest }: ReqParsed<'interviews:create'>,
): Res<'interviews:create'> {
  return createInterview(vault, {
    ...definedOnly(rest),
    caseId: rest.caseId,
    intervieweeId: rest.intervieweeId,
    ...(consent ? { consent: { ...definedOnly(consent), given: consent.given } } : {}),
  });
}

/** interviews:attach-recording — links a stored recording; answers the interview as it now is. */
export function interviewsAttachRecording(
  vault: Vault,
  req: ReqParsed<'interviews:attach-recording'>,
): Res<'interviews:attach-recording'> {
  attachRecording(vault, req.interviewId, req.itemId);
  return getInterview(vault.db, req.interviewId);
}

/** interviews:import-transcript — a new revision from the transcript file at `file` (its grant resolved). */
export async function interviewsImportTranscript(
  vault: Vault,
  req: ReqParsed<'interviews:import-transcript'>,
  file: string,
): Promise<Res<'interviews:import-transcript'>> {
  // Parsed and checked before the vault is changed, so a bad file changes nothing.
  const segments = await importTranscriptFile(file);
  return reviseTranscript(
    vault,
    req.interviewId,
    segments.map(({ speaker, startMs, endMs, text, translation }) => ({ speaker, startMs, endMs, text, translation })),
    req.note ?? '',
  );
}

/** interviews:revision — one revision of a transcript. */
export function interviewsRevision(db: ReadDb, req: ReqParsed<'interviews:revision'>): Res<'interviews:revision'> {
  return getRevision(db, req.interviewId, req.revision);
}

/** interviews:revisions — every revision, each with whether its stored hash still matches. */
export function interviewsRevisions(db: ReadDb, req: ReqParsed<'interviews:revisions'>): Res<'interviews:revisions'> {
  return listRevisions(db, req.interviewId).map((r) => ({
    ...r,
    verified: verifyRevisionHash(db, r.interviewId, r.revision),
  }));
}

/** interviews:revise — a new revision from edited segments. */
export function interviewsRevise(vault: Vault, req: ReqParsed<'interviews:revise'>): Res<'interviews:revise'> {
  return reviseTranscript(vault, req.interviewId, req.segments, req.note);
}

/** interviews:diff — what changed between two revisions. */
export function interviewsDiff(db: ReadDb, req: ReqParsed<'interviews:diff'>): Res<'interviews:diff'> {
  const [from, to] = [getRevision(db, req.interviewId, req.from), getRevision(db, req.interviewId, req.to)];
  return { from: from.revision, to: to.revision, diff: diffRevisions(from, to) };
}

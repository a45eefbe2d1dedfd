import { randomUUID } from 'node:crypto';
import { INTERVIEW_MODES, isValidPartialDate, type InterviewMode } from '../../shared/domain';
import { VigilError } from '../../shared/errors';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { commitRecord } from './record-commit';
import { indexRecord } from './search/reindex';

/** The consent recorded for an interview; free text stays in the vault, never in custody entries. */
interface InterviewConsent {
  given: boolean;
  date?: string;
  how?: string;
  note?: string;
}

/** An interview as the CLI and the app show it; the interviewee is named by protective code. */
export interface InterviewRow {
  id: string;
  caseId: string;
  intervieweeId: string;
  intervieweeCode: string;
  interviewerId: string;
  interviewerName: string;
  date: string | null;
  dateApprox: boolean;
  mode: InterviewMode;
  language: string;
  consent: InterviewConsent;
  recordingItemIds: string[];
  currentRevision: number | null;
  createdAt: string;
}

/** What a new interview is made from; the interviewer is always the acting member. */
interface NewInterview {
  caseId: string;
  intervieweeId: string;
  date?: string;
  dateApprox?: boolean;
  mode?: InterviewMode;
  language?: string;
  consent?: InterviewConsent;
}

const MAX_LANGUAGE = 64;
const MAX_CONSENT_TEXT = 4000;

/** Creates an interview held by the acting member; custody `interview.created`. */
export function createInterview(vault: Vault, input: NewInterview): InterviewRow {
  const record = checkedRecord(vault.db, input, vault.member.id);
  vault.change((db) => {
    db.prepare(
      `INSERT INTO interviews (id, case_id, interviewee_id, interviewer_id, date, date_approx, mode, language, consent, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      record.id,
      record.caseId,
      record.intervieweeId,
      record.interviewerId,
      record.date,
      record.dateApprox ? 1 : 0,
      record.mode,
      record.language,
      JSON.stringify(record.consent),
      record.createdAt,
    );
    indexRecord(db, 'interview', record.id, true);
    // Ids and vocabulary only: the language and consent wording stay out of the signed log.
    const data = { caseId: record.caseId, intervieweeId: record.intervieweeId, mode: record.mode };
    return {
      result: null,
      custody: {
        action: 'interview.created',
        subject: record.id,
        ...commitRecord(db, 'interviews', record.id, record, data),
      },
    };
  });
  return getInterview(vault.db, record.id);
}

/** Links a stored item (a recording) to an interview; custody `recording.attached`, hash = the item's SHA-256. */
export function attachRecording(vault: Vault, interviewId: string, itemId: string): void {
  const interview = getInterview(vault.db, interviewId);
  const item = vault.db
    .prepare('SELECT i.id, o.sha256 FROM items i JOIN objects o ON o.id = i.object_id WHERE i.id = ?')
    .get(itemId) as { id: string; sha256: string } | undefined;
  if (!item)
    throw new VigilError('NOT_FOUND', `No item "${itemId}" in this vault. Add the recording first ("vigil add").`);
  if (interview.recordingItemIds.includes(item.id)) {
    throw new VigilError(
      'INVALID_INPUT',
      `Item ${item.id} is already attached to interview ${interview.id}; nothing was changed.`,
    );
  }
  vault.change((db) => {
    db.prepare('INSERT INTO interview_recordings (interview_id, item_id) VALUES (?, ?)').run(interview.id, item.id);
    const count = db
      .prepare('SELECT count(*) FROM interview_recordings WHERE interview_id = ?')
      .pluck()
      .get(interview.id) as number;
    return {
      result: null,
      custody: {
        action: 'recording.attached',
        subject: interview.id,
        hash: item.sha256,
        data: { itemId: item.id, recordings: count },
      },
    };
  });
}

/** The row as selected: flags as integers and JSON columns as text. */
type InterviewDbRow = Omit<InterviewRow, 'dateApprox' | 'consent' | 'recordingItemIds'> & {
  dateApprox: number;
  consent: string;
  recordings: string | null;
};

const INTERVIEW_SELECT = `
  SELECT iv.id, iv.case_id AS caseId, iv.interviewee_id AS intervieweeId, p.code AS intervieweeCode,
         iv.interviewer_id AS interviewerId, m.name AS interviewerName, iv.date, iv.date_approx AS dateApprox,
         iv.mode, iv.language, iv.consent, iv.created_at AS createdAt,
         (SELECT json_group_array(item_id) FROM (SELECT item_id FROM interview_recordings WHERE interview_id = iv.id ORDER BY rowid)) AS recordings,
         (SELECT max(revision) FROM transcript_revisions WHERE interview_id = iv.id) AS currentRevision
  FROM interviews iv JOIN people p ON p.id = iv.interviewee_id JOIN members m ON m.id = iv.interviewer_id`;

/** One interview by id (a unique prefix of at least 8 characters is accepted); NOT_FOUND otherwise. */
export function getInterview(db: ReadDb, idOrPrefix: string): InterviewRow {
  const rows = db
    .prepare(`${INTERVIEW_SELECT} WHERE iv.id = ? OR (length(?) >= 8 AND iv.id LIKE ? || '%') LIMIT 2`)
    .all(idOrPrefix, idOrPrefix, idOrPrefix.replace(/[%_]/g, '')) as InterviewDbRow[];
  const row = rows.find((r) => r.id === idOrPrefix) ?? (rows.length === 1 ? rows[0] : undefined);
  if (rows.length > 1 && !row)
    throw new VigilError('INVALID_INPUT', `"${idOrPrefix}" matches more than one interview; give more of the id.`);
  if (!row)
    throw new VigilError(
      'NOT_FOUND',
      `No interview "${idOrPrefix}" in this vault. "vigil interview list <dir> --case C" shows them.`,
    );
  return toInterview(row);
}

/** The interviews of a case, by date (undated last), then by creation. */
export function listInterviews(db: ReadDb, caseId: string): InterviewRow[] {
  const rows = db
    .prepare(`${INTERVIEW_SELECT} WHERE iv.case_id = ? ORDER BY iv.date IS NULL, iv.date, iv.created_at, iv.id`)
    .all(caseId) as InterviewDbRow[];
  return rows.map(toInterview);
}

function toInterview(row: InterviewDbRow): InterviewRow {
  return {
    id: row.id,
    caseId: row.caseId,
    intervieweeId: row.intervieweeId,
    intervieweeCode: row.intervieweeCode,
    interviewerId: row.interviewerId,
    interviewerName: row.interviewerName,
    date: row.date,
    dateApprox: row.dateApprox === 1,
    mode: row.mode,
    language: row.language,
    consent: parseConsent(row.consent),
    recordingItemIds: row.recordings ? (JSON.parse(row.recordings) as string[]) : [],
    currentRevision: row.currentRevision,
    createdAt: row.createdAt,
  };
}

/**
 * The stored form of an interview that its `interview.created` entry commits to, rebuilt from the row (codes and names
 * left out).
 */
export function interviewRecord(iv: InterviewRow): Record<string, unknown> {
  const { id, caseId, intervieweeId, interviewerId, date, dateApprox, mode, language, consent, createdAt } = iv;
  return { id, caseId, intervieweeId, interviewerId, date, dateApprox, mode, language, consent, createdAt };
}

function parseConsent(text: string): InterviewConsent {
  const raw = JSON.parse(text) as Partial<Record<keyof InterviewConsent, unknown>>;
  const consent: InterviewConsent = { given: raw.given === true };
  if (typeof raw.date === 'string') consent.date = raw.date;
  if (typeof raw.how === 'string') consent.how = raw.how;
  if (typeof raw.note === 'string') consent.note = raw.note;
  return consent;
}

/** The stored state of a new interview, after every input is checked; its hash is what custody signs. */
function checkedRecord(db: ReadDb, input: NewInterview, interviewerId: string) {
  if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(input.caseId))
    throw new VigilError('NOT_FOUND', `No case "${input.caseId}" in this vault. "vigil case list" shows the cases.`);
  if (!db.prepare('SELECT 1 FROM people WHERE id = ?').get(input.intervieweeId))
    throw new VigilError(
      'NOT_FOUND',
      `No person "${input.intervieweeId}" in this vault. "vigil person list" shows people by code.`,
    );
  if (input.date !== undefined && !isValidPartialDate(input.date))
    throw new VigilError(
      'INVALID_INPUT',
      `Interview date "${input.date}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.`,
    );
  const mode = input.mode ?? 'in_person';
  if (!INTERVIEW_MODES.includes(mode))
    throw new VigilError(
      'INVALID_INPUT',
      `Interview mode "${String(mode)}" is unknown: use one of ${INTERVIEW_MODES.join(', ')}.`,
    );
  const language = (input.language ?? '').trim();
  if (language.length > MAX_LANGUAGE)
    throw new VigilError(
      'INVALID_INPUT',
      `The language is longer than ${MAX_LANGUAGE} characters; give a name or code such as "uk" or "Russian".`,
    );
  return {
    id: randomUUID(),
    caseId: input.caseId,
    intervieweeId: input.intervieweeId,
    interviewerId,
    date: input.date ?? null,
    dateApprox: input.date !== undefined && input.dateApprox === true,
    mode,
    language,
    consent: checkedConsent(input.consent ?? { given: false }),
    createdAt: new Date().toISOString(),
  };
}

function checkedConsent(consent: InterviewConsent): InterviewConsent {
  if (consent.date !== undefined && !isValidPartialDate(consent.date))
    throw new VigilError(
      'INVALID_INPUT',
      `Consent date "${consent.date}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.`,
    );
  for (const text of [consent.how, consent.note]) {
    if (text !== undefined && text.length > MAX_CONSENT_TEXT)
      throw new VigilError(
        'INVALID_INPUT',
        `Consent details are longer than ${MAX_CONSENT_TEXT} characters; keep a longer record as an item.`,
      );
  }
  const out: InterviewConsent = { given: consent.given === true };
  if (consent.date !== undefined) out.date = consent.date;
  if (consent.how !== undefined) out.how = consent.how;
  if (consent.note !== undefined) out.note = consent.note;
  return out;
}

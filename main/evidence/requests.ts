/**
 * The request register: requests by family or lawyers to the authorities and
 * the answers received. Each change is one `vault.change` with its custody
 * entry and search index row; custody data holds ids and vocabulary words
 * only (recipients and what was asked are free text and stay out of it).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RESPONSE_KINDS, partialDateSchema, type ResponseKind } from '../../shared/domain';
import { VigilError } from '../../shared/errors';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { earliestDay, latestDay } from './analysis/dates';
import { commitRecord } from './record-commit';
import { indexRecord } from './search/reindex';
import { assertCaseExists, assertPersonInCase } from './timeline';
import { parseInput } from './validate';

/** A request and its answer (if any), with the people's protective codes for display. */
export interface RequestRow {
  id: string;
  caseId: string;
  personId: string;
  personCode: string;
  requesterId: string | null;
  requesterCode: string | null;
  date: string;
  recipient: string;
  channel: string;
  about: string;
  responseDate: string | null;
  response: ResponseKind | null;
  responseNote: string;
  createdAt: string;
}

const newRequestSchema = z
  .object({
    caseId: z.string().min(1),
    personId: z.string().min(1),
    requesterId: z.string().min(1).nullable().optional(),
    date: partialDateSchema,
    recipient: z.string().trim().min(1, 'Say to whom the request was sent').max(500),
    channel: z.string().trim().max(200).optional(),
    about: z.string().max(20_000).optional(),
  })
  .strict();
const answerSchema = z
  .object({ date: partialDateSchema, response: z.enum(RESPONSE_KINDS), note: z.string().max(20_000).optional() })
  .strict();

/** What a new request is made of. */
export type NewRequest = z.input<typeof newRequestSchema>;
/** An answer to a request. */
type RequestAnswer = z.input<typeof answerSchema>;

/** The stored form of a request that its custody entry's `hash` cites (codes left out: they can change). */
export function requestRecord(row: RequestRow): Record<string, unknown> {
  const { personCode: _p, requesterCode: _r, ...stored } = row;
  return stored;
}

/** Records a request in the register; custody `request.added`. */
export function addRequest(vault: Vault, input: NewRequest): RequestRow {
  const data = parseInput(newRequestSchema, input);
  return vault.change((db) => {
    assertCaseExists(db, data.caseId);
    assertPersonInCase(db, data.caseId, data.personId);
    const requesterId = data.requesterId ?? null;
    if (requesterId !== null) assertPersonInCase(db, data.caseId, requesterId, 'requester');
    const id = randomUUID();
    db.prepare(
      `INSERT INTO requests (id, case_id, person_id, requester_id, date, recipient, channel, about, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      data.caseId,
      data.personId,
      requesterId,
      data.date,
      data.recipient,
      data.channel ?? '',
      data.about ?? '',
      new Date().toISOString(),
    );
    const row = getRequest(db, id);
    indexRecord(db, 'request', row.id);
    return {
      result: row,
      custody: {
        action: 'request.added',
        subject: id,
        ...commitRecord(db, 'requests', id, requestRecord(row), {
          caseId: row.caseId,
          personId: row.personId,
          requesterId,
        }),
      },
    };
  }).result;
}

/** Records the answer to a request (again, if a later one came); refuses an answer dated before the request. */
export function answerRequest(vault: Vault, id: string, input: RequestAnswer): RequestRow {
  const data = parseInput(answerSchema, input);
  return vault.change((db) => {
    const before = getRequest(db, id);
    if (latestDay(data.date) < earliestDay(before.date)) {
      throw new VigilError(
        'INVALID_INPUT',
        `The response date ${data.date} is before the request date ${before.date}. Check the dates.`,
      );
    }
    db.prepare('UPDATE requests SET response_date = ?, response = ?, response_note = ? WHERE id = ?').run(
      data.date,
      data.response,
      data.note ?? '',
      id,
    );
    const row = getRequest(db, id);
    indexRecord(db, 'request', row.id);
    const custodyData = {
      caseId: row.caseId,
      personId: row.personId,
      response: data.response,
      previousResponse: before.response,
    };
    return {
      result: row,
      custody: {
        action: 'request.answered',
        subject: id,
        ...commitRecord(db, 'requests', id, requestRecord(row), custodyData),
      },
    };
  }).result;
}

const REQUEST_SELECT = `SELECT r.id, r.case_id AS caseId, r.person_id AS personId, p.code AS personCode, r.requester_id AS requesterId, q.code AS requesterCode,
    r.date, r.recipient, r.channel, r.about, r.response_date AS responseDate, r.response, r.response_note AS responseNote, r.created_at AS createdAt
  FROM requests r JOIN people p ON p.id = r.person_id LEFT JOIN people q ON q.id = r.requester_id`;

/** One request by id; NOT_FOUND otherwise. */
export function getRequest(db: ReadDb, id: string): RequestRow {
  const row = db.prepare(`${REQUEST_SELECT} WHERE r.id = ?`).get(id) as RequestRow | undefined;
  if (!row)
    throw new VigilError('NOT_FOUND', `No request with id "${id}". "vigil request list <dir> --case C" lists them.`);
  return row;
}

/** A request's full id from the id or a unique prefix of at least 8 characters. */
export function resolveRequestId(db: ReadDb, idOrPrefix: string): string {
  const ids = db
    .prepare("SELECT id FROM requests WHERE id = ? OR (length(?) >= 8 AND id LIKE ? || '%') LIMIT 2")
    .pluck()
    .all(idOrPrefix, idOrPrefix, idOrPrefix) as string[];
  if (ids.includes(idOrPrefix)) return idOrPrefix;
  if (ids.length > 1)
    throw new VigilError('INVALID_INPUT', `"${idOrPrefix}" matches more than one request; give more of the id.`);
  const [only] = ids;
  if (only === undefined)
    throw new VigilError('NOT_FOUND', `No request "${idOrPrefix}". "vigil request list <dir> --case C" lists them.`);
  return only;
}

/** The requests of a case (of one detainee when given), in date order. */
export function listRequests(db: ReadDb, caseId: string, personId?: string): RequestRow[] {
  if (personId === undefined)
    return db
      .prepare(`${REQUEST_SELECT} WHERE r.case_id = ? ORDER BY r.date, r.created_at, r.id`)
      .all(caseId) as RequestRow[];
  return db
    .prepare(`${REQUEST_SELECT} WHERE r.case_id = ? AND r.person_id = ? ORDER BY r.date, r.created_at, r.id`)
    .all(caseId, personId) as RequestRow[];
}

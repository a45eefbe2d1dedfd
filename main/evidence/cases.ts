import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CASE_STATUSES, type CaseStatus } from '../../shared/domain';
import { VigilError } from '../../shared/errors';
import type { Db, ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { commitRecord } from './record-commit';
import { indexRecord } from './search/reindex';
import { definedOnly, parseInput } from './validate';

/** A case as stored. */
interface CaseRow {
  id: string;
  title: string;
  reference: string | null;
  summary: string;
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
}

/** A case with counts of what it holds, for lists and overviews. */
interface CaseSummary extends CaseRow {
  counts: { people: number; items: number; interviews: number; events: number; requests: number };
}

const caseFields = {
  title: z.string().trim().min(1, 'A case needs a title').max(300),
  reference: z.string().trim().min(1).max(64).nullable(),
  summary: z.string().max(20_000),
  status: z.enum(CASE_STATUSES),
};
const newCaseSchema = z
  .object({
    ...caseFields,
    reference: caseFields.reference.optional(),
    summary: caseFields.summary.optional(),
    status: caseFields.status.optional(),
  })
  .strict();
const caseChangesSchema = z.object(caseFields).partial().strict();

const SELECT =
  'SELECT id, title, reference, summary, status, created_at AS createdAt, updated_at AS updatedAt FROM cases';

/** Creates a case; custody `case.created`. */
export function createCase(vault: Vault, input: z.input<typeof newCaseSchema>): CaseRow {
  const data = parseInput(newCaseSchema, input);
  const now = new Date().toISOString();
  const row: CaseRow = {
    id: randomUUID(),
    title: data.title,
    reference: data.reference ?? null,
    summary: data.summary ?? '',
    status: data.status ?? 'open',
    createdAt: now,
    updatedAt: now,
  };
  return vault.change((db) => {
    assertReferenceFree(db, row.reference, row.id);
    db.prepare(
      'INSERT INTO cases (id, title, reference, summary, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.title, row.reference, row.summary, row.status, now, now);
    indexRecord(db, 'case', row.id);
    return {
      result: row,
      custody: {
        action: 'case.created',
        subject: row.id,
        ...commitRecord(db, 'cases', row.id, row, { status: row.status }),
      },
    };
  }).result;
}

/** Changes a case's title, reference, summary or status; custody `case.updated` names the fields. */
export function updateCase(vault: Vault, id: string, input: z.input<typeof caseChangesSchema>): CaseRow {
  const changes = definedOnly(parseInput(caseChangesSchema, input));
  return vault.change((db) => {
    const before = getCase(db, id);
    const after: CaseRow = { ...before, ...changes, updatedAt: new Date().toISOString() };
    const fields = (Object.keys(changes) as (keyof CaseRow)[]).filter((k) => before[k] !== after[k]);
    if (fields.length === 0)
      throw new VigilError('INVALID_INPUT', 'Nothing to change: the case already has these values.');
    assertReferenceFree(db, after.reference, id);
    db.prepare('UPDATE cases SET title = ?, reference = ?, summary = ?, status = ?, updated_at = ? WHERE id = ?').run(
      after.title,
      after.reference,
      after.summary,
      after.status,
      after.updatedAt,
      id,
    );
    indexRecord(db, 'case', after.id);
    return {
      result: after,
      custody: { action: 'case.updated', subject: id, ...commitRecord(db, 'cases', id, after, { fields }) },
    };
  }).result;
}

/** One case by id; NOT_FOUND otherwise. */
export function getCase(db: ReadDb, id: string): CaseRow {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as CaseRow | undefined;
  if (!row) throw new VigilError('NOT_FOUND', `No case with id "${id}".`);
  return row;
}

/** Every case with its counts, newest first; optionally only one status or titles/references containing `text`. */
export function listCases(db: ReadDb, filter: { status?: CaseStatus; text?: string } = {}): CaseSummary[] {
  const rows = db.prepare(`${SELECT} ORDER BY created_at DESC, id`).all() as CaseRow[];
  const needle = filter.text?.toLocaleLowerCase();
  return rows
    .filter((r) => !filter.status || r.status === filter.status)
    .filter(
      (r) =>
        !needle ||
        r.title.toLocaleLowerCase().includes(needle) ||
        (r.reference ?? '').toLocaleLowerCase().includes(needle),
    )
    .map((r) => ({ ...r, counts: caseCounts(db, r.id) }));
}

/** How many people, items, interviews, events and requests a case holds. */
export function caseCounts(db: ReadDb, caseId: string): CaseSummary['counts'] {
  const count = (sql: string): number => db.prepare(sql).pluck().get(caseId) as number;
  return {
    people: count('SELECT count(DISTINCT person_id) FROM case_people WHERE case_id = ?'),
    items: count('SELECT count(*) FROM items WHERE case_id = ?'),
    interviews: count('SELECT count(*) FROM interviews WHERE case_id = ?'),
    events: count('SELECT count(*) FROM events WHERE case_id = ?'),
    requests: count('SELECT count(*) FROM requests WHERE case_id = ?'),
  };
}

function assertReferenceFree(db: Db, reference: string | null, selfId: string): void {
  if (!reference) return;
  const other = db.prepare('SELECT id FROM cases WHERE reference = ? AND id <> ?').pluck().get(reference, selfId);
  if (other)
    throw new VigilError(
      'INVALID_INPUT',
      `Another case already has the reference "${reference}". Choose a different one.`,
    );
}

/**
 * The custody log made readable, a page at a time: who (member name), what
 * (the action), when, on what (case titles, item titles, person codes), with
 * seq and hashes shortened. The log can hold 100k entries, so the interface
 * asks for pages and never loads it all.
 */
import { isCustodyAction, type CustodyAction } from '../../shared/custody-actions';
import { entryHashHex, type CustodyEntry } from '../custody';
import type { ReadDb } from '../vault/database';
import { keyDirectory } from '../vault/members';
import { getCase } from '../evidence/cases';
import { RecordLabels, subjectKind, type RecordRef, type RefKind } from './record-labels';

/** Which entries: the whole vault, a case with its records, or one item. */
type CustodyScope = { kind: 'vault' } | { kind: 'case'; caseId: string } | { kind: 'item'; itemId: string };

/** A detail value of an entry (custody data holds ids, vocabulary words, numbers and field names only). */
type DetailValue = string | number | boolean | string[];

/** One entry, ready to be put into words by the interface. */
interface ReadableEntry {
  seq: number;
  ts: string;
  /** null for an action this version does not know; then details.action names it. */
  action: CustodyAction | null;
  actor: { name: string | null; key: string };
  subject: RecordRef | null;
  /** Other records the entry names in its data (the case, an item, a person), without the subject. */
  related: RecordRef[];
  details: Record<string, DetailValue>;
  /** The content hash and the entry's own hash, shortened for reading. */
  hash: string | null;
  entryHash: string;
}

/** One page of entries, newest first. */
interface CustodyPage {
  total: number;
  entries: ReadableEntry[];
}

const SHORT = 12;

// Data members shown as details: vocabulary, counts and field names.
const DETAIL_KEYS = [
  'revision',
  'segments',
  'fields',
  'role',
  'type',
  'status',
  'purpose',
  'mode',
  'reason',
  'items',
  'profile',
  'recordings',
  'rows',
  'kind',
  'extraction',
  'deduplicated',
  'derivativeKind',
  'size',
  'formatVersion',
  'fingerprint',
  'checkpointSize',
  'tsa',
  'genTime',
  'serial',
];

// Data members that name records, and what kind of record each names.
const RELATED_KEYS: [string, RefKind][] = [
  ['caseId', 'case'],
  ['itemId', 'item'],
  ['derivativeOf', 'item'],
  ['personId', 'person'],
  ['intervieweeId', 'person'],
  ['requesterId', 'person'],
  ['memberId', 'member'],
];

const CASE_IDS = `SELECT @scope UNION SELECT id FROM items WHERE case_id = @scope UNION SELECT id FROM interviews WHERE case_id = @scope
  UNION SELECT id FROM events WHERE case_id = @scope UNION SELECT id FROM requests WHERE case_id = @scope
  UNION SELECT person_id FROM case_people WHERE case_id = @scope`;

const WHERE: Record<CustodyScope['kind'], string> = {
  vault: '',
  case: `WHERE json_extract(entry, '$.subject') IN (${CASE_IDS}) OR json_extract(entry, '$.data.caseId') = @scope`,
  item: `WHERE json_extract(entry, '$.subject') = @scope OR json_extract(entry, '$.data.itemId') = @scope
    OR json_extract(entry, '$.data.derivativeOf') = @scope
    OR EXISTS (SELECT 1 FROM json_each(entry, '$.data.itemIds') WHERE value = @scope)`,
};

function scopeId(db: ReadDb, scope: CustodyScope): string | null {
  switch (scope.kind) {
    case 'vault':
      return null;
    case 'case':
      return getCase(db, scope.caseId).id;
    case 'item':
      return scope.itemId;
  }
}

function detailValue(value: unknown): DetailValue | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return null;
}

function readable(row: { entry: string }, labels: RecordLabels, names: Map<string, { name: string }>): ReadableEntry {
  // Rows of custody_log hold entries the log wrote and verifies (DESIGN §3).
  const e = JSON.parse(row.entry) as CustodyEntry;
  const kind = subjectKind(e.action);
  const subject = e.subject === null ? null : labels.ref(kind, e.subject);
  const related: RecordRef[] = [];
  for (const [key, refKind] of RELATED_KEYS) {
    const id = e.data[key];
    if (typeof id === 'string' && id !== e.subject) related.push(labels.ref(refKind, id));
  }
  const details: Record<string, DetailValue> = {};
  for (const key of DETAIL_KEYS) {
    const value = detailValue(e.data[key]);
    if (value !== null) details[key] = value;
  }
  if (!isCustodyAction(e.action)) details.action = e.action;
  return {
    seq: e.seq,
    ts: e.ts,
    action: isCustodyAction(e.action) ? e.action : null,
    actor: { name: names.get(e.actor)?.name ?? null, key: e.actor.slice(0, SHORT) },
    subject,
    related,
    details,
    hash: e.hash === null ? null : e.hash.slice(0, SHORT),
    entryHash: entryHashHex(Buffer.from(row.entry, 'utf8')).slice(0, SHORT),
  };
}

/** Entries of `scope`, newest first, from `offset`; at most `limit`. */
export function custodyPage(db: ReadDb, scope: CustodyScope, offset: number, limit: number): CustodyPage {
  const id = scopeId(db, scope);
  const where = WHERE[scope.kind];
  const params = id === null ? {} : { scope: id };
  const total = (db.prepare(`SELECT count(*) FROM custody_log ${where}`).pluck().get(params) as number) ?? 0;
  const rows = db
    .prepare(`SELECT entry FROM custody_log ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as { entry: string }[];
  const labels = new RecordLabels(db);
  const names = keyDirectory(db);
  return { total, entries: rows.map((row) => readable(row, labels, names)) };
}

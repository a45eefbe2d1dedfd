/**
 * The records whose state custody entries commit to in their `hash` (DESIGN §3 "Record
 * hashes"): which actions sign them, which table keeps their salt, and how to rebuild the
 * record from the database. The vault's verification and the package export read this one list.
 */
import { VigilError } from '../../shared/errors';
import type { ReadDb } from '../vault/database';
import { getCase } from './cases';
import { eventRecord } from './events';
import { getInterview, interviewRecord } from './interviews';
import { getItem, itemRecord } from './items';
import { getPerson } from './people';
import type { SaltedTable } from './record-commit';
import { getRequest, requestRecord } from './requests';
import { getEvent } from './timeline';
import { readSegments, revisionRecord } from './transcripts';

/** What a custody entry says about the record it commits to. */
interface RecordEntry {
  subject: string | null;
  data: Record<string, unknown>;
}

/** One kind of committed record. */
export interface RecordKind {
  kind: 'case' | 'person' | 'place' | 'event' | 'request' | 'interview' | 'item' | 'transcript';
  actions: readonly string[];
  table: SaltedTable;
  /** False when rows may exist without such an entry (an item's metadata is committed only once edited). */
  everyRow: boolean;
  /** The id of the row an entry commits to: its subject, or the revision a transcript entry names. */
  rowOf: (entry: RecordEntry) => string | null;
  /** The record as its custody entries hash it, rebuilt from the row with this id; NOT_FOUND when it is gone. */
  current: (db: ReadDb, id: string) => unknown;
}

const bySubject = (entry: RecordEntry): string | null => entry.subject;

function placeRecord(db: ReadDb, id: string): unknown {
  const row = db.prepare('SELECT id, name, type, region FROM places WHERE id = ?').get(id);
  if (row === undefined) throw new VigilError('NOT_FOUND', `No place with id "${id}".`);
  return row;
}

function transcriptRecord(db: ReadDb, revisionId: string): unknown {
  const row = db
    .prepare('SELECT interview_id AS interviewId, revision FROM transcript_revisions WHERE id = ?')
    .get(revisionId) as { interviewId: string; revision: number } | undefined;
  if (row === undefined) throw new VigilError('NOT_FOUND', `No transcript revision with id "${revisionId}".`);
  return revisionRecord(row.interviewId, row.revision, readSegments(db, revisionId));
}

/** Every kind of committed record. */
export const RECORD_KINDS: readonly RecordKind[] = [
  {
    kind: 'case',
    actions: ['case.created', 'case.updated'],
    table: 'cases',
    everyRow: true,
    rowOf: bySubject,
    current: (db, id) => getCase(db, id),
  },
  {
    kind: 'person',
    actions: ['person.added', 'person.role_added', 'person.updated'],
    table: 'people',
    everyRow: true,
    rowOf: bySubject,
    current: (db, id) => getPerson(db, id),
  },
  { kind: 'place', actions: ['place.added'], table: 'places', everyRow: true, rowOf: bySubject, current: placeRecord },
  {
    kind: 'event',
    actions: ['event.added', 'event.updated'],
    table: 'events',
    everyRow: true,
    rowOf: bySubject,
    current: (db, id) => eventRecord(getEvent(db, id)),
  },
  {
    kind: 'request',
    actions: ['request.added', 'request.answered'],
    table: 'requests',
    everyRow: true,
    rowOf: bySubject,
    current: (db, id) => requestRecord(getRequest(db, id)),
  },
  {
    kind: 'interview',
    actions: ['interview.created'],
    table: 'interviews',
    everyRow: true,
    rowOf: bySubject,
    current: (db, id) => interviewRecord(getInterview(db, id)),
  },
  {
    kind: 'item',
    actions: ['item.updated'],
    table: 'items',
    everyRow: false,
    rowOf: bySubject,
    current: (db, id) => itemRecord(getItem(db, id)),
  },
  {
    kind: 'transcript',
    actions: ['transcript.revised'],
    table: 'transcript_revisions',
    everyRow: true,
    rowOf: (entry) => (typeof entry.data.revisionId === 'string' ? entry.data.revisionId : null),
    current: transcriptRecord,
  },
];

const KIND_OF_ACTION = new Map(RECORD_KINDS.flatMap((k) => k.actions.map((a) => [a, k] as const)));

/** The kind of record an action commits to, or undefined for an action that commits to none. */
export function recordKindOf(action: string): RecordKind | undefined {
  return KIND_OF_ACTION.get(action);
}

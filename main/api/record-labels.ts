/**
 * What the custody view calls the things an entry is about: case titles, item
 * titles, people's CODES (never their protected names), member names. Looked
 * up per page of entries, with a cache, so a page of 200 entries costs a few
 * hundred primary-key reads.
 */
import type { CUSTODY_REF_KINDS } from '../../shared/areas/custody.contract';
import type { ReadDb } from '../vault/database';

/** The kinds of record a custody entry can be about (the contract's vocabulary). */
export type RefKind = (typeof CUSTODY_REF_KINDS)[number];

/** A record an entry refers to; `label` is null when the record is gone or has no readable name. */
export interface RecordRef {
  kind: RefKind;
  id: string;
  label: string | null;
  /** The case the record belongs to, when known (for links into the case workspace). */
  caseId: string | null;
}

// Each lookup returns the label and the owning case; person codes, never names.
const LOOKUPS: Record<Exclude<RefKind, 'vault' | 'unknown'>, string> = {
  case: 'SELECT title AS label, id AS caseId FROM cases WHERE id = ?',
  item: 'SELECT title AS label, case_id AS caseId FROM items WHERE id = ?',
  person:
    'SELECT p.code AS label, (SELECT case_id FROM case_people WHERE person_id = p.id ORDER BY rowid LIMIT 1) ' +
    'AS caseId FROM people p WHERE p.id = ?',
  interview:
    'SELECT p.code AS label, iv.case_id AS caseId FROM interviews iv JOIN people p ON p.id = iv.interviewee_id ' +
    'WHERE iv.id = ?',
  event: `SELECT replace(type, '_', ' ') || ', ' || date AS label, case_id AS caseId FROM events WHERE id = ?`,
  request: `SELECT recipient || ', ' || date AS label, case_id AS caseId FROM requests WHERE id = ?`,
  member: 'SELECT name AS label, NULL AS caseId FROM members WHERE id = ?',
  recipient: 'SELECT name AS label, NULL AS caseId FROM recipients WHERE id = ?',
  place: 'SELECT name AS label, NULL AS caseId FROM places WHERE id = ?',
};

/** Which kind of record an action's `subject` is, from the action's first word. */
export function subjectKind(action: string): RefKind {
  const head = action.split('.')[0] ?? '';
  switch (head) {
    case 'case':
    case 'package':
    case 'report':
      return 'case';
    case 'item':
      return 'item';
    case 'person':
      return 'person';
    case 'interview':
    case 'transcript':
    case 'recording':
      return 'interview';
    case 'event':
      return 'event';
    case 'request':
      return 'request';
    case 'member':
      return 'member';
    case 'recipient':
      return 'recipient';
    case 'place':
      return 'place';
    case 'vault':
    case 'search':
      return 'vault';
    default:
      return 'unknown';
  }
}

/** Resolves record ids to labels, remembering what it looked up. */
export class RecordLabels {
  private readonly cache = new Map<string, RecordRef>();

  constructor(private readonly db: ReadDb) {}

  /** The reference to record `id` of `kind`. */
  ref(kind: RefKind, id: string): RecordRef {
    const key = `${kind}:${id}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const ref = this.lookup(kind, id);
    this.cache.set(key, ref);
    return ref;
  }

  private lookup(kind: RefKind, id: string): RecordRef {
    if (kind === 'vault' || kind === 'unknown') return { kind, id, label: null, caseId: null };
    const row = this.db.prepare(LOOKUPS[kind]).get(id) as { label: string | null; caseId: string | null } | undefined;
    return { kind, id, label: row?.label ?? null, caseId: row?.caseId ?? null };
  }
}

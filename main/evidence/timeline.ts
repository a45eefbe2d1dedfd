/**
 * The detention timeline of a case, read in a handful of queries, with the
 * derived analysis per detainee (incommunicado periods, request statistics).
 */
import type { EventType, PlaceType, ResponseKind } from '../../shared/domain';
import { VigilError } from '../../shared/errors';
import type { ReadDb } from '../vault/database';
import { earliestDay, fullDay } from './analysis/dates';
import { incommunicado, type ContactEvent, type IncommunicadoSummary } from './analysis/incommunicado';
import { requestStats, type RequestRecord, type RequestStats } from './analysis/requests';

/** A facility or other place an event happened at. */
export interface Place {
  id: string;
  name: string;
  type: PlaceType;
  region: string;
}

/** A person as the timeline names them: by protective code; the real name only when asked to reveal it. */
export interface TimelinePerson {
  id: string;
  code: string;
  name?: string;
}

/** One event of the detention timeline. */
export interface TimelineEvent {
  id: string;
  caseId: string;
  person: TimelinePerson;
  type: EventType;
  date: string;
  dateApprox: boolean;
  endDate: string | null;
  place: Place | null;
  description: string;
  itemIds: string[];
  createdAt: string;
}

/** The analysis of one detainee of the case. */
interface DetaineeAnalysis {
  person: TimelinePerson;
  incommunicado: IncommunicadoSummary;
  requests: RequestStats;
}

/** A case's events in order and the analysis per detainee, as of a fixed day. */
export interface Timeline {
  caseId: string;
  asOf: string;
  events: TimelineEvent[];
  detainees: DetaineeAnalysis[];
}

/** An events row as an array, in EVENT_COLUMNS order: arrays cross from SQLite to JS faster than objects. */
type EventTuple = [
  id: string,
  personId: string,
  type: EventType,
  date: string,
  dateApprox: number,
  endDate: string | null,
  placeId: string | null,
  description: string,
  createdAt: string,
];

// The case id is left out: the caller knows it, and every column costs at 10,000 rows.
const EVENT_COLUMNS =
  'e.id, e.person_id, e.type, e.date, e.date_approx, e.end_date, e.place_id, e.description, e.created_at';

/**
 * Timeline order. Partial dates sort as text in earliest-day order
 * ('2024' < '2024-03' < '2024-03-01'); createdAt then id make ties reproducible.
 * All three are ASCII, so comparing UTF-16 code units matches SQLite's BINARY order.
 */
function compareEvents(a: EventTuple, b: EventTuple): number {
  for (const i of [3, 8, 0] as const) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Turns event rows into timeline events. People and places are looked up once
 * each (a case has a few of each and thousands of events), not joined per row:
 * at 10,000 events the per-value cost of moving columns out of SQLite dominates.
 */
function toEvents(
  db: ReadDb,
  caseId: string,
  rows: EventTuple[],
  itemsByEvent: Map<string, string[]>,
  reveal: boolean,
): TimelineEvent[] {
  const people = new Map<string, TimelinePerson>();
  const places = new Map<string, Place>();
  const personStmt = db.prepare('SELECT id, code, name FROM people WHERE id = ?');
  const placeStmt = db.prepare('SELECT id, name, type, region FROM places WHERE id = ?');
  const personOf = (id: string): TimelinePerson => {
    let person = people.get(id);
    if (!person) {
      const row = personStmt.get(id) as { id: string; code: string; name: string } | undefined;
      if (!row)
        throw new VigilError(
          'VAULT_CORRUPT',
          `Event data refers to a person ${id} who is not in the vault. Run "vigil verify".`,
        );
      person = reveal ? { id: row.id, code: row.code, name: row.name } : { id: row.id, code: row.code };
      people.set(id, person);
    }
    return person;
  };
  const placeOf = (id: string): Place => {
    let place = places.get(id);
    if (!place) {
      place = placeStmt.get(id) as Place | undefined;
      if (!place)
        throw new VigilError(
          'VAULT_CORRUPT',
          `Event data refers to a place ${id} that is not in the vault. Run "vigil verify".`,
        );
      places.set(id, place);
    }
    return place;
  };
  return rows.map(([id, personId, type, date, dateApprox, endDate, placeId, description, createdAt]) => ({
    id,
    caseId,
    person: personOf(personId),
    type,
    date,
    dateApprox: dateApprox === 1,
    endDate,
    place: placeId === null ? null : placeOf(placeId),
    description,
    itemIds: itemsByEvent.get(id) ?? [],
    createdAt,
  }));
}

/** One event by id; NOT_FOUND otherwise. */
export function getEvent(db: ReadDb, id: string, opts: { revealNames?: boolean } = {}): TimelineEvent {
  const caseId = db.prepare('SELECT case_id FROM events WHERE id = ?').pluck().get(id) as string | undefined;
  const rows = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ?`).raw().all(id) as EventTuple[];
  if (caseId === undefined || rows.length === 0)
    throw new VigilError(
      'NOT_FOUND',
      `No event with id "${id}". "vigil timeline <dir> <case>" lists the events of a case.`,
    );
  const itemIds = db
    .prepare('SELECT item_id FROM event_items WHERE event_id = ? ORDER BY item_id')
    .pluck()
    .all(id) as string[];
  const [event] = toEvents(db, caseId, rows, new Map([[id, itemIds]]), Boolean(opts.revealNames));
  if (!event) throw new VigilError('INTERNAL', 'An event row was read but not converted.');
  return event;
}

/** The events of a case in timeline order: one query for the events, one for their items. */
export function listEvents(db: ReadDb, caseId: string, opts: { revealNames?: boolean } = {}): TimelineEvent[] {
  // Read in index (date) order and finished in JS: sorting references to nearly sorted rows
  // is cheaper than SQLite copying every row, description and all, through a temporary B-tree.
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.case_id = ? ORDER BY e.date`)
    .raw()
    .all(caseId) as EventTuple[];
  rows.sort(compareEvents);
  const links = db
    .prepare(
      'SELECT ei.event_id, ei.item_id FROM event_items ei JOIN events e ON e.id = ei.event_id WHERE e.case_id ' +
        '= ? ORDER BY ei.event_id, ei.item_id',
    )
    .raw()
    .all(caseId) as [string, string][];
  const itemsByEvent = new Map<string, string[]>();
  for (const [eventId, itemId] of links) {
    const list = itemsByEvent.get(eventId);
    if (list) list.push(itemId);
    else itemsByEvent.set(eventId, [itemId]);
  }
  return toEvents(db, caseId, rows, itemsByEvent, Boolean(opts.revealNames));
}

/** NOT_FOUND unless the case exists. */
export function assertCaseExists(db: ReadDb, caseId: string): void {
  if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) {
    throw new VigilError('NOT_FOUND', `No case with id "${caseId}". "vigil case list" shows the cases.`);
  }
}

/** NOT_FOUND unless the person exists; INVALID_INPUT unless they have a role in the case. Returns their code. */
export function assertPersonInCase(db: ReadDb, caseId: string, personId: string, what = 'person'): string {
  const code = db.prepare('SELECT code FROM people WHERE id = ?').pluck().get(personId) as string | undefined;
  if (code === undefined)
    throw new VigilError('NOT_FOUND', `No ${what} with id "${personId}". "vigil person list" shows people by code.`);
  if (!db.prepare('SELECT 1 FROM case_people WHERE case_id = ? AND person_id = ?').get(caseId, personId)) {
    throw new VigilError(
      'INVALID_INPUT',
      `${code} has no role in this case. Give them one first (vigil person add), then record this again.`,
    );
  }
  return code;
}

/** Today's date on this computer's calendar, as 'YYYY-MM-DD'. */
export function todayIso(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The event types the incommunicado analysis reads (release and death only for its notes). */
const ANALYSED_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'contact_lost',
  'contact_restored',
  'release',
  'death',
]);

interface RequestDbRow extends RequestRecord {
  personId: string;
}

/**
 * The timeline of a case as of a day (default today): every event in order and,
 * for each detainee of the case, the incommunicado periods and request statistics.
 * People are named by code; real names only with `revealNames`.
 */
export function caseTimeline(
  db: ReadDb,
  caseId: string,
  opts: { asOf?: string; revealNames?: boolean } = {},
): Timeline {
  const asOf = opts.asOf ?? todayIso();
  const asOfDay = fullDay(asOf, 'as-of date');
  assertCaseExists(db, caseId);
  const reveal = opts.revealNames ? 1 : 0;
  const events = listEvents(db, caseId, opts);
  const requests = db
    .prepare(
      'SELECT id, person_id AS personId, date, response_date AS responseDate, response FROM requests WHERE ' +
        'case_id = ? ORDER BY date, created_at, id',
    )
    .all(caseId) as RequestDbRow[];
  const people = db
    .prepare(
      `SELECT DISTINCT p.id, p.code, CASE WHEN @reveal THEN p.name END AS name FROM case_people cp JOIN people p ON p.id = cp.person_id
       WHERE cp.case_id = @caseId AND cp.role = 'detainee' ORDER BY p.code`,
    )
    .all({ caseId, reveal }) as { id: string; code: string; name: string | null }[];
  const contactByPerson = groupBy(
    events.filter((e) => ANALYSED_TYPES.has(e.type)),
    (e) => e.person.id,
  );
  const requestsByPerson = groupBy(requests, (r) => r.personId);
  const detainees = people.map((p): DetaineeAnalysis => {
    const person: TimelinePerson = { id: p.id, code: p.code };
    if (p.name !== null) person.name = p.name;
    // A TimelineEvent is a ContactEvent: no copies of 10,000 events.
    const own: ContactEvent[] = contactByPerson.get(p.id) ?? [];
    const ownRequests = requestsAsOf(requestsByPerson.get(p.id) ?? [], asOfDay);
    return { person, incommunicado: incommunicado(own, asOf), requests: requestStats(ownRequests) };
  });
  return { caseId, asOf, events, detainees };
}

/**
 * The requests as they stood on asOf, like the events: those sent later are
 * left out and answers that came later count as pending, so adding records
 * afterwards never changes the figures for a past day.
 */
function requestsAsOf(rows: RequestDbRow[], asOfDay: number): RequestRecord[] {
  const known: RequestRecord[] = [];
  for (const r of rows) {
    if (earliestDay(r.date) > asOfDay) continue;
    const answeredBy = r.responseDate !== null && earliestDay(r.responseDate) <= asOfDay;
    known.push({
      id: r.id,
      date: r.date,
      responseDate: answeredBy ? r.responseDate : null,
      response: answeredBy ? (r.response as ResponseKind | null) : null,
    });
  }
  return known;
}

function groupBy<T>(values: T[], key: (v: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const k = key(v);
    const list = groups.get(k);
    if (list) list.push(v);
    else groups.set(k, [v]);
  }
  return groups;
}

/**
 * Recording the detention timeline: places (facilities) and events. Every
 * change is one `vault.change`: the rows, the search index and the signed
 * custody entry commit together. Custody data holds ids, vocabulary words and
 * field names only, never descriptions or place names.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EVENT_TYPES, PLACE_TYPES, partialDateSchema } from '../../shared/domain';
import { VigilError } from '../../shared/errors';
import type { CustodyRecord } from '../custody/log-store';
import type { Db, ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { earliestDay, latestDay } from './analysis/dates';
import { commitRecord } from './record-commit';
import { indexRecord } from './search/reindex';
import { assertCaseExists, assertPersonInCase, getEvent, type Place, type TimelineEvent } from './timeline';
import { parseInput } from './validate';

const placeSchema = z
  .object({
    name: z.string().trim().min(1, 'A place needs a name').max(300),
    type: z.enum(PLACE_TYPES).optional(),
    region: z.string().trim().max(300).optional(),
  })
  .strict();

const eventFields = {
  type: z.enum(EVENT_TYPES),
  date: partialDateSchema,
  dateApprox: z.boolean(),
  endDate: partialDateSchema.nullable(),
  placeName: z.string().trim().min(1, 'A facility needs a name').max(300).nullable(),
  placeType: z.enum(PLACE_TYPES),
  placeRegion: z.string().trim().max(300),
  description: z.string().max(20_000),
  itemIds: z.array(z.string().min(1)).max(1_000),
};
const newEventSchema = z
  .object({ caseId: z.string().min(1), personId: z.string().min(1), ...eventFields })
  .partial({
    dateApprox: true,
    endDate: true,
    placeName: true,
    placeType: true,
    placeRegion: true,
    description: true,
    itemIds: true,
  })
  .strict();
const eventChangesSchema = z.object(eventFields).partial().strict();

/** What a new event is made of; the place is found or created by name. */
export type NewEvent = z.input<typeof newEventSchema>;
/** The fields of an event that can change (the case and the person cannot). */
export type EventChanges = z.input<typeof eventChangesSchema>;

/** The stored form of an event that its custody entry's `hash` cites (codes and names left out: they can change). */
export function eventRecord(ev: TimelineEvent): Record<string, unknown> {
  return {
    id: ev.id,
    caseId: ev.caseId,
    personId: ev.person.id,
    type: ev.type,
    date: ev.date,
    dateApprox: ev.dateApprox,
    endDate: ev.endDate,
    placeId: ev.place?.id ?? null,
    description: ev.description,
    itemIds: ev.itemIds,
    createdAt: ev.createdAt,
  };
}

/** Adds a place, or returns the one with that name (case-insensitive) without a new custody entry. */
export function addPlace(vault: Vault, input: z.input<typeof placeSchema>): Place {
  const data = parseInput(placeSchema, input);
  const existing = findPlace(vault.db, data.name);
  if (existing) return existing;
  return vault.change((db) => {
    const { place, custody } = findOrInsertPlace(db, data);
    return { result: place, custody: custody ? [custody] : [] };
  }).result;
}

/** The place with this name (case-insensitive), or null. */
function findPlace(db: ReadDb, name: string): Place | null {
  const row = db.prepare('SELECT id, name, type, region FROM places WHERE name = ?').get(name.trim()) as
    Place | undefined;
  return row ?? null;
}

/** Every place, by name. */
export function listPlaces(db: ReadDb): Place[] {
  return db.prepare('SELECT id, name, type, region FROM places ORDER BY name').all() as Place[];
}

/** Inside a change: the named place, created (with its `place.added` record) if new. */
function findOrInsertPlace(
  db: Db,
  data: { name: string; type?: Place['type'] | undefined; region?: string | undefined },
): { place: Place; custody: CustodyRecord | null } {
  const existing = findPlace(db, data.name);
  if (existing) return { place: existing, custody: null };
  const place: Place = { id: randomUUID(), name: data.name, type: data.type ?? 'other', region: data.region ?? '' };
  db.prepare('INSERT INTO places (id, name, type, region) VALUES (?, ?, ?, ?)').run(
    place.id,
    place.name,
    place.type,
    place.region,
  );
  return {
    place,
    custody: {
      action: 'place.added',
      subject: place.id,
      ...commitRecord(db, 'places', place.id, place, { type: place.type }),
    },
  };
}

/** Records a timeline event; custody `event.added` (and `place.added` first when the facility is new). */
export function addEvent(vault: Vault, input: NewEvent): TimelineEvent {
  const data = parseInput(newEventSchema, input);
  assertEndNotBefore(data.date, data.endDate ?? null);
  assertPlaceNamed(data);
  return vault.change((db) => {
    assertCaseExists(db, data.caseId);
    assertPersonInCase(db, data.caseId, data.personId);
    const itemIds = checkItems(db, data.caseId, data.itemIds ?? []);
    const custody: CustodyRecord[] = [];
    let placeId: string | null = null;
    if (data.placeName) {
      const found = findOrInsertPlace(db, { name: data.placeName, type: data.placeType, region: data.placeRegion });
      if (found.custody) custody.push(found.custody);
      placeId = found.place.id;
    }
    const id = randomUUID();
    db.prepare(
      `INSERT INTO events (id, case_id, person_id, type, date, date_approx, end_date, place_id, description, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      data.caseId,
      data.personId,
      data.type,
      data.date,
      data.dateApprox ? 1 : 0,
      data.endDate ?? null,
      placeId,
      data.description ?? '',
      new Date().toISOString(),
    );
    linkItems(db, id, itemIds);
    const ev = getEvent(db, id);
    indexRecord(db, 'event', ev.id);
    custody.push({
      action: 'event.added',
      subject: id,
      ...commitRecord(db, 'events', id, eventRecord(ev), {
        caseId: ev.caseId,
        personId: ev.person.id,
        type: ev.type,
        placeId,
        itemIds,
      }),
    });
    return { result: ev, custody };
  }).result;
}

/** Changes an event; custody `event.updated` with `data.fields` naming what changed. Nothing to change is refused. */
export function updateEvent(vault: Vault, id: string, input: EventChanges): TimelineEvent {
  const changes = parseInput(eventChangesSchema, input);
  assertPlaceNamed(changes);
  return vault.change((db) => {
    const before = getEvent(db, id);
    const date = changes.date ?? before.date;
    const endDate = changes.endDate === undefined ? before.endDate : changes.endDate;
    assertEndNotBefore(date, endDate);
    const itemIds = changes.itemIds === undefined ? before.itemIds : checkItems(db, before.caseId, changes.itemIds);
    const custody: CustodyRecord[] = [];
    let placeId = before.place?.id ?? null;
    if (changes.placeName !== undefined) {
      const found =
        changes.placeName === null
          ? null
          : findOrInsertPlace(db, { name: changes.placeName, type: changes.placeType, region: changes.placeRegion });
      if (found?.custody) custody.push(found.custody);
      placeId = found ? found.place.id : null;
    }
    const next = {
      type: changes.type ?? before.type,
      date,
      dateApprox: changes.dateApprox ?? before.dateApprox,
      endDate,
      placeId,
      description: changes.description ?? before.description,
      itemIds,
    };
    const old = eventRecord(before);
    const fields = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => JSON.stringify(old[k]) !== JSON.stringify(next[k]),
    );
    if (fields.length === 0)
      throw new VigilError('INVALID_INPUT', 'Nothing to change: the event already has these values.');
    db.prepare(
      'UPDATE events SET type = ?, date = ?, date_approx = ?, end_date = ?, place_id = ?, description = ? WHERE id = ?',
    ).run(next.type, next.date, next.dateApprox ? 1 : 0, next.endDate, next.placeId, next.description, id);
    if (fields.includes('itemIds')) {
      db.prepare('DELETE FROM event_items WHERE event_id = ?').run(id);
      linkItems(db, id, itemIds);
    }
    const ev = getEvent(db, id);
    indexRecord(db, 'event', ev.id);
    custody.push({
      action: 'event.updated',
      subject: id,
      ...commitRecord(db, 'events', id, eventRecord(ev), { caseId: ev.caseId, personId: ev.person.id, fields }),
    });
    return { result: ev, custody };
  }).result;
}

/** Refuses an end date that is certainly before the start (imprecise dates that may overlap are allowed). */
function assertEndNotBefore(date: string, endDate: string | null): void {
  if (endDate !== null && latestDay(endDate) < earliestDay(date)) {
    throw new VigilError('INVALID_INPUT', `The end date ${endDate} is before the date ${date}. Check the two dates.`);
  }
}

/** A facility type or region describes a named facility; alone it would be silently lost. */
function assertPlaceNamed(data: {
  placeName?: string | null | undefined;
  placeType?: string | undefined;
  placeRegion?: string | undefined;
}): void {
  if (!data.placeName && (data.placeType !== undefined || data.placeRegion !== undefined)) {
    throw new VigilError(
      'INVALID_INPUT',
      'A facility type or region was given without the facility name. Give the name too (--facility NAME).',
    );
  }
}

/** The distinct item ids, each of which must exist and belong to this case (or to no case yet). */
function checkItems(db: ReadDb, caseId: string, itemIds: string[]): string[] {
  const unique = [...new Set(itemIds)].sort();
  const find = db.prepare('SELECT case_id FROM items WHERE id = ?');
  for (const itemId of unique) {
    const row = find.get(itemId) as { case_id: string | null } | undefined;
    if (!row)
      throw new VigilError('NOT_FOUND', `No item with id "${itemId}". "vigil status" shows what the vault holds.`);
    if (row.case_id !== null && row.case_id !== caseId)
      throw new VigilError('INVALID_INPUT', `Item ${itemId} belongs to another case and cannot support this event.`);
  }
  return unique;
}

function linkItems(db: Db, eventId: string, itemIds: string[]): void {
  const insert = db.prepare('INSERT INTO event_items (event_id, item_id) VALUES (?, ?)');
  for (const itemId of itemIds) insert.run(eventId, itemId);
}

/** Readable words for an event type ('visit_denied' → 'visit denied'). */
export function eventTypeWords(type: TimelineEvent['type']): string {
  return type.replace(/_/g, ' ');
}

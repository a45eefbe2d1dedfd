/** What the timeline channels answer (the CLI's `event` and `timeline` commands over the same core). */
import type { ReqParsed, Res } from '../../shared/contract';
import { addEvent, addPlace, listPlaces, updateEvent } from '../evidence/events';
import { listEvents } from '../evidence/timeline';
import { definedOnly } from '../evidence/validate';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';

/** timeline:events — the events of a case. */
export function timelineEvents(db: ReadDb, req: ReqParsed<'timeline:events'>): Res<'timeline:events'> {
  return listEvents(db, req.caseId);
}

/** timeline:add-event — a new event. */
export function timelineAddEvent(vault: Vault, req: ReqParsed<'timeline:add-event'>): Res<'timeline:add-event'> {
  return addEvent(vault, definedOnly(req) as typeof req);
}

/** timeline:update-event — changes to an event. */
export function timelineUpdateEvent(
  vault: Vault,
  req: ReqParsed<'timeline:update-event'>,
): Res<'timeline:update-event'> {
  return updateEvent(vault, req.id, definedOnly(req.changes));
}

/** timeline:places — the known places. */
export function timelinePlaces(db: ReadDb): Res<'timeline:places'> {
  return listPlaces(db);
}

/** timeline:add-place — a new place. */
export function timelineAddPlace(vault: Vault, req: ReqParsed<'timeline:add-place'>): Res<'timeline:add-place'> {
  return addPlace(vault, definedOnly(req) as typeof req);
}

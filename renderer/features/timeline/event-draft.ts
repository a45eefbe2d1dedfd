/** The event form's draft, and the requests it becomes: a new event, or only the fields that changed. */
import type { Req } from '../../../shared/contract';
import type { EventType, PlaceType } from '../../../shared/domain';
import type { TimelineEvent } from './EventsTable';

/** The event form's fields as inputs hold them. */
export interface EventDraft {
  personId: string;
  type: EventType;
  date: string;
  dateApprox: boolean;
  endDate: string;
  placeName: string;
  placeType: PlaceType;
  placeRegion: string;
  description: string;
}

/** A blank draft for a new event about `personId`. */
export function emptyDraft(personId: string): EventDraft {
  return {
    personId,
    type: 'detention',
    date: '',
    dateApprox: false,
    endDate: '',
    placeName: '',
    placeType: 'other',
    placeRegion: '',
    description: '',
  };
}

/** The draft of an existing event. */
export function draftOf(e: TimelineEvent): EventDraft {
  return {
    personId: e.person.id,
    type: e.type,
    date: e.date,
    dateApprox: e.dateApprox,
    endDate: e.endDate ?? '',
    placeName: e.place?.name ?? '',
    placeType: e.place?.type ?? 'other',
    placeRegion: e.place?.region ?? '',
    description: e.description,
  };
}

/** The place fields: a facility type and region only describe a facility that is new to the vault. */
function placeFields(
  d: EventDraft,
  isNewPlace: boolean,
): { placeName?: string; placeType?: PlaceType; placeRegion?: string } {
  const name = d.placeName.trim();
  if (name === '') return {};
  return isNewPlace
    ? { placeName: name, placeType: d.placeType, placeRegion: d.placeRegion.trim() }
    : { placeName: name };
}

/** The request that records a new event. */
export function newEventRequest(caseId: string, d: EventDraft, isNewPlace: boolean): Req<'timeline:add-event'> {
  return {
    caseId,
    personId: d.personId,
    type: d.type,
    date: d.date.trim(),
    dateApprox: d.dateApprox,
    ...(d.endDate.trim() !== '' ? { endDate: d.endDate.trim() } : {}),
    ...placeFields(d, isNewPlace),
    description: d.description,
  };
}

/** Only the fields that differ from the event as stored, so its custody entry names exactly what changed. */
export function eventChanges(
  before: TimelineEvent,
  d: EventDraft,
  isNewPlace: boolean,
): Req<'timeline:update-event'>['changes'] {
  const changes: Req<'timeline:update-event'>['changes'] = {};
  if (d.type !== before.type) changes.type = d.type;
  if (d.date.trim() !== before.date) changes.date = d.date.trim();
  if (d.dateApprox !== before.dateApprox) changes.dateApprox = d.dateApprox;
  const endDate = d.endDate.trim() === '' ? null : d.endDate.trim();
  if (endDate !== before.endDate) changes.endDate = endDate;
  const placeName = d.placeName.trim();
  if (placeName !== (before.place?.name ?? '')) {
    if (placeName === '') changes.placeName = null;
    else Object.assign(changes, placeFields(d, isNewPlace));
  }
  if (d.description !== before.description) changes.description = d.description;
  return changes;
}

/**
 * Handlers of the timeline area: each maps one channel to one core call (the CLI's `event` and `timeline` commands).
 */
import type { TIMELINE_CHANNELS } from '../../shared/areas/timeline.channels';
import { addEvent, addPlace, listPlaces, updateEvent } from '../evidence/events';
import { listEvents } from '../evidence/timeline';
import { definedOnly } from '../evidence/validate';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The timeline area's handlers. */
export function timelineHandlers(s: AppServices): { [C in (typeof TIMELINE_CHANNELS)[number]]: Handler<C> } {
  return {
    'timeline:events': async (req) => listEvents(s.session.requireVault().db, req.caseId),
    'timeline:add-event': async (req) => addEvent(s.session.requireVault(), definedOnly(req) as typeof req),
    'timeline:update-event': async (req) => updateEvent(s.session.requireVault(), req.id, definedOnly(req.changes)),
    'timeline:places': async () => listPlaces(s.session.requireVault().db),
    'timeline:add-place': async (req) => addPlace(s.session.requireVault(), definedOnly(req) as typeof req),
  };
}

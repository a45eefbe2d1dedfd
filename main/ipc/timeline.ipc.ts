/** Handlers of the timeline area: each channel mapped to its function in main/api/timeline.ts. */
import type { TIMELINE_CHANNELS } from '../../shared/areas/timeline.channels';
import {
  timelineAddEvent,
  timelineAddPlace,
  timelineEvents,
  timelinePlaces,
  timelineUpdateEvent,
} from '../api/timeline';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The timeline area's handlers. */
export function timelineHandlers(s: AppServices): { [C in (typeof TIMELINE_CHANNELS)[number]]: Handler<C> } {
  const db = () => s.session.requireVault().db;
  const vault = () => s.session.requireVault();
  return {
    'timeline:events': async (req) => timelineEvents(db(), req),
    'timeline:add-event': async (req) => timelineAddEvent(vault(), req),
    'timeline:update-event': async (req) => timelineUpdateEvent(vault(), req),
    'timeline:places': async () => timelinePlaces(db()),
    'timeline:add-place': async (req) => timelineAddPlace(vault(), req),
  };
}

/** Handlers of the timeline area: each maps one channel to one core call. */
import type { TIMELINE_CHANNELS } from '../../shared/areas/timeline.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The timeline area's handlers. */
export function timelineHandlers(_s: AppServices): { [C in (typeof TIMELINE_CHANNELS)[number]]: Handler<C> } {
  return {};
}

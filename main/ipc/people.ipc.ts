/** Handlers of the people area: each maps one channel to one core call. */
import type { PEOPLE_CHANNELS } from '../../shared/areas/people.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The people area's handlers. */
export function peopleHandlers(_s: AppServices): { [C in (typeof PEOPLE_CHANNELS)[number]]: Handler<C> } {
  return {};
}

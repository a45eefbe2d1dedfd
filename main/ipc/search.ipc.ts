/** Handlers of the search area: each maps one channel to one core call. */
import type { SEARCH_CHANNELS } from '../../shared/areas/search.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The search area's handlers. */
export function searchHandlers(_s: AppServices): { [C in (typeof SEARCH_CHANNELS)[number]]: Handler<C> } {
  return {};
}

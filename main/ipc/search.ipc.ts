/** Handlers of the search area: each channel mapped to its function in main/api/search.ts. */
import type { SEARCH_CHANNELS } from '../../shared/areas/search.channels';
import { searchFacets, searchQuery } from '../api/search';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The search area's handlers. */
export function searchHandlers(s: AppServices): { [C in (typeof SEARCH_CHANNELS)[number]]: Handler<C> } {
  return {
    'search:query': async (req) => searchQuery(s.session.requireVault().db, req),
    'search:facets': async () => searchFacets(s.session.requireVault().db),
  };
}

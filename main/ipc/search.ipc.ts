/** Handlers of the search area: each maps one channel to one core call. */
import type { SEARCH_CHANNELS } from '../../shared/areas/search.channels';
import { search } from '../evidence/search/search';
import { definedOnly } from '../evidence/validate';
import { searchFacets } from '../evidence/views/search-facets';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The search area's handlers. */
export function searchHandlers(s: AppServices): { [C in (typeof SEARCH_CHANNELS)[number]]: Handler<C> } {
  return {
    'search:query': async ({ text, ...filters }) => search(s.session.requireVault().db, text, definedOnly(filters)),
    'search:facets': async () => searchFacets(s.session.requireVault().db),
  };
}

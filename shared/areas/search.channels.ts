/** Request channels and events of the search area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const SEARCH_CHANNELS = ['search:query', 'search:facets'] as const;

/** Events of this area. */
export const SEARCH_EVENTS = [] as const;

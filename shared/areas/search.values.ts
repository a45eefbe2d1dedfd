/** Plain values of the search area, with no zod, so the renderer can import them without the schema library. */

/** What can be found (the core's SEARCH_KINDS). */
export const SEARCH_HIT_KINDS = ['segment', 'item', 'case', 'person', 'event', 'request', 'interview'] as const;

/** The most hits one page holds. */
export const SEARCH_PAGE_MAX = 100;

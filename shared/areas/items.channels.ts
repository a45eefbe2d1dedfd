/** Request channels and events of the items area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const ITEMS_CHANNELS = [] as const;

/** Events of this area. */
export const ITEMS_EVENTS = [] as const;

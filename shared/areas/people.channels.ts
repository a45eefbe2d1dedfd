/** Request channels and events of the people area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const PEOPLE_CHANNELS = [] as const;

/** Events of this area. */
export const PEOPLE_EVENTS = [] as const;

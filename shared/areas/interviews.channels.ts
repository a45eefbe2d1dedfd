/** Request channels and events of the interviews area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const INTERVIEWS_CHANNELS = [] as const;

/** Events of this area. */
export const INTERVIEWS_EVENTS = [] as const;

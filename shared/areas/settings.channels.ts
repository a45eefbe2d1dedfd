/** Request channels and events of the settings area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const SETTINGS_CHANNELS = [] as const;

/** Events of this area. */
export const SETTINGS_EVENTS = [] as const;

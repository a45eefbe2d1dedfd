/** Request channels and events of the packages area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const PACKAGES_CHANNELS = [] as const;

/** Events of this area. */
export const PACKAGES_EVENTS = [] as const;

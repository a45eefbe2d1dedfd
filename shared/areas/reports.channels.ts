/** Request channels and events of the reports area (names only, no zod: the preload imports this). */

/** Request channels of this area: the case report, written to a file chosen in the save dialog. */
export const REPORTS_CHANNELS = ['reports:case'] as const;

/** Events of this area. */
export const REPORTS_EVENTS = [] as const;

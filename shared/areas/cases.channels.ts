/** Request channels and events of the cases area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const CASES_CHANNELS = [
  'cases:list',
  'cases:get',
  'cases:create',
  'cases:update',
  'cases:overview',
  'cases:provenance',
] as const;

/** Events of this area. */
export const CASES_EVENTS = [] as const;

/** Request channels and events of the interviews area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const INTERVIEWS_CHANNELS = [
  'interviews:list',
  'interviews:get',
  'interviews:create',
  'interviews:attach-recording',
  'interviews:import-transcript',
  'interviews:revision',
  'interviews:revisions',
  'interviews:revise',
  'interviews:diff',
] as const;

/** Events of this area. */
export const INTERVIEWS_EVENTS = [] as const;

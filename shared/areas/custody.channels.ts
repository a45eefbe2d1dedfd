/** Request channels and events of the custody area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const CUSTODY_CHANNELS = [
  'custody:entries',
  'custody:verify',
  'custody:checkpoint',
  'custody:make-checkpoint',
  'custody:timestamps',
  'custody:timestamp-request',
  'custody:timestamp-attach',
] as const;

/** Events of this area. */
export const CUSTODY_EVENTS = [] as const;

/** Request channels and events of the packages area (names only, no zod: the preload imports this). */

/**
 * Request channels of this area: the export wizard's reads, its dry run and the export itself; checking and importing a
 * received package.
 */
export const PACKAGES_CHANNELS = [
  'packages:recipients',
  'packages:read-profile',
  'packages:plan',
  'packages:export',
  'packages:verify',
  'packages:import',
  'packages:take-opened',
  'packages:last-sent',
] as const;

/** Events of this area. */
export const PACKAGES_EVENTS = ['packages:opened'] as const;

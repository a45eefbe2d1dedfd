/** Request channels and events of the settings area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const SETTINGS_CHANNELS = [
  'settings:get',
  'settings:update',
  'settings:members',
  'settings:member-add',
  'settings:member-remove',
  'settings:change-passphrase',
  'settings:replace-recovery-code',
  'settings:recipients',
  'settings:recipient-add',
  'settings:recipient-remove',
] as const;

/** Events of this area. */
export const SETTINGS_EVENTS = [] as const;

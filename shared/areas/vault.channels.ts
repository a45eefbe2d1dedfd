/** Request channels of the vault area: create, unlock, lock, status (names only, no zod). */

/** Request channels of this area. */
export const VAULT_CHANNELS = [
  'vault:state',
  'vault:create',
  'vault:unlock',
  'vault:lock',
  'vault:status',
  'vault:remembered',
] as const;

/** Events of this area. */
export const VAULT_EVENTS = ['vault:locked'] as const;

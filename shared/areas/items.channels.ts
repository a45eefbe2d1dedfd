/** Request channels and events of the items area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const ITEMS_CHANNELS = [
  'items:list',
  'items:get',
  'items:text',
  'items:add-files',
  'items:update',
  'items:add-derivative',
  'items:redact',
  'items:media-url',
] as const;

/** Events of this area. */
export const ITEMS_EVENTS = [] as const;

/** Request channels and events of the people area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const PEOPLE_CHANNELS = [
  'people:list',
  'people:get',
  'people:reveal',
  'people:add',
  'people:update',
  'people:add-role',
] as const;

/** Events of this area. */
export const PEOPLE_EVENTS = [] as const;

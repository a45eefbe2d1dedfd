/** Request channels and events of the timeline area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const TIMELINE_CHANNELS = [
  'timeline:events',
  'timeline:add-event',
  'timeline:update-event',
  'timeline:places',
  'timeline:add-place',
] as const;

/** Events of this area. */
export const TIMELINE_EVENTS = [] as const;

/** Request channels and events of the requests area (names only, no zod: the preload imports this). */

/** Request channels of this area. */
export const REQUESTS_CHANNELS = ['requests:list', 'requests:add', 'requests:answer'] as const;

/** Events of this area. */
export const REQUESTS_EVENTS = [] as const;

/** Long operations: progress events and cancel (names only, no zod). */

/** Request channels of this area. */
export const TASKS_CHANNELS = ['task:cancel'] as const;

/** Events of this area. */
export const TASKS_EVENTS = ['task:progress'] as const;

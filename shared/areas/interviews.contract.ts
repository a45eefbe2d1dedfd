/** Schemas of the interviews area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { INTERVIEWS_CHANNELS, INTERVIEWS_EVENTS } from './interviews.channels';

/** channel → request and response schemas. */
export const interviewsContract = {} as const satisfies { [C in (typeof INTERVIEWS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const interviewsEvents = {} as const satisfies { [E in (typeof INTERVIEWS_EVENTS)[number]]: z.ZodType };

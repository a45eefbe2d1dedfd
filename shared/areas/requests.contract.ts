/** Schemas of the requests area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { REQUESTS_CHANNELS, REQUESTS_EVENTS } from './requests.channels';

/** channel → request and response schemas. */
export const requestsContract = {} as const satisfies { [C in (typeof REQUESTS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const requestsEvents = {} as const satisfies { [E in (typeof REQUESTS_EVENTS)[number]]: z.ZodType };

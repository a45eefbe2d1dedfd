/** Schemas of the search area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { SEARCH_CHANNELS, SEARCH_EVENTS } from './search.channels';

/** channel → request and response schemas. */
export const searchContract = {} as const satisfies { [C in (typeof SEARCH_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const searchEvents = {} as const satisfies { [E in (typeof SEARCH_EVENTS)[number]]: z.ZodType };

/** Schemas of the timeline area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { TIMELINE_CHANNELS, TIMELINE_EVENTS } from './timeline.channels';

/** channel → request and response schemas. */
export const timelineContract = {} as const satisfies { [C in (typeof TIMELINE_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const timelineEvents = {} as const satisfies { [E in (typeof TIMELINE_EVENTS)[number]]: z.ZodType };

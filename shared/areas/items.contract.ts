/** Schemas of the items area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { ITEMS_CHANNELS, ITEMS_EVENTS } from './items.channels';

/** channel → request and response schemas. */
export const itemsContract = {} as const satisfies { [C in (typeof ITEMS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const itemsEvents = {} as const satisfies { [E in (typeof ITEMS_EVENTS)[number]]: z.ZodType };

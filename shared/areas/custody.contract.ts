/** Schemas of the custody area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { CUSTODY_CHANNELS, CUSTODY_EVENTS } from './custody.channels';

/** channel → request and response schemas. */
export const custodyContract = {} as const satisfies { [C in (typeof CUSTODY_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const custodyEvents = {} as const satisfies { [E in (typeof CUSTODY_EVENTS)[number]]: z.ZodType };

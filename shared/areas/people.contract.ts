/** Schemas of the people area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { PEOPLE_CHANNELS, PEOPLE_EVENTS } from './people.channels';

/** channel → request and response schemas. */
export const peopleContract = {} as const satisfies { [C in (typeof PEOPLE_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const peopleEvents = {} as const satisfies { [E in (typeof PEOPLE_EVENTS)[number]]: z.ZodType };

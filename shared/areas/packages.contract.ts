/** Schemas of the packages area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { PACKAGES_CHANNELS, PACKAGES_EVENTS } from './packages.channels';

/** channel → request and response schemas. */
export const packagesContract = {} as const satisfies { [C in (typeof PACKAGES_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const packagesEvents = {} as const satisfies { [E in (typeof PACKAGES_EVENTS)[number]]: z.ZodType };

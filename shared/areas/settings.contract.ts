/** Schemas of the settings area's channels and events. */
import type { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import type { SETTINGS_CHANNELS, SETTINGS_EVENTS } from './settings.channels';

/** channel → request and response schemas. */
export const settingsContract = {} as const satisfies { [C in (typeof SETTINGS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const settingsEvents = {} as const satisfies { [E in (typeof SETTINGS_EVENTS)[number]]: z.ZodType };

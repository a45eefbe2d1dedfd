/** Schemas of the timeline area: the events of a case's detention timeline and the places they happened at. */
import { z } from 'zod';
import { EVENT_TYPES, PLACE_TYPES, partialDateSchema } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { IdSchema } from './common';
import type { TIMELINE_CHANNELS, TIMELINE_EVENTS } from './timeline.channels';

/** A facility or other place. */
const PlaceSchema = z.object({ id: z.string(), name: z.string(), type: z.enum(PLACE_TYPES), region: z.string() });

/** One event of the detention timeline; the person is named by protective code. */
const TimelineEventSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  person: z.object({ id: z.string(), code: z.string(), name: z.string().optional() }),
  type: z.enum(EVENT_TYPES),
  date: z.string(),
  dateApprox: z.boolean(),
  endDate: z.string().nullable(),
  place: PlaceSchema.nullable(),
  description: z.string(),
  itemIds: z.array(z.string()),
  createdAt: z.string(),
});

const eventFields = {
  type: z.enum(EVENT_TYPES),
  date: partialDateSchema,
  dateApprox: z.boolean(),
  endDate: partialDateSchema.nullable(),
  placeName: z.string().trim().min(1).max(300).nullable(),
  placeType: z.enum(PLACE_TYPES),
  placeRegion: z.string().trim().max(300),
  description: z.string().max(20_000),
  itemIds: z.array(IdSchema).max(1_000),
};

/** channel → request and response schemas. */
export const timelineContract = {
  /** The events of a case in timeline order. */
  'timeline:events': { req: z.object({ caseId: IdSchema }).strict(), res: z.array(TimelineEventSchema) },
  'timeline:add-event': {
    req: z
      .object({ caseId: IdSchema, personId: IdSchema, ...eventFields })
      .partial({
        dateApprox: true,
        endDate: true,
        placeName: true,
        placeType: true,
        placeRegion: true,
        description: true,
        itemIds: true,
      })
      .strict(),
    res: TimelineEventSchema,
  },
  'timeline:update-event': {
    req: z.object({ id: IdSchema, changes: z.object(eventFields).partial().strict() }).strict(),
    res: TimelineEventSchema,
  },
  'timeline:places': { req: z.object({}).strict(), res: z.array(PlaceSchema) },
  /** Adds a place, or returns the one with that name. */
  'timeline:add-place': {
    req: z
      .object({
        name: z.string().trim().min(1).max(300),
        type: z.enum(PLACE_TYPES).optional(),
        region: z.string().trim().max(300).optional(),
      })
      .strict(),
    res: PlaceSchema,
  },
} as const satisfies { [C in (typeof TIMELINE_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const timelineEvents = {} as const satisfies { [E in (typeof TIMELINE_EVENTS)[number]]: z.ZodType };

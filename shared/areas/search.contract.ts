/** Schemas of the search area: full-text search over the vault, and the choices its filters offer. */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { EmptySchema, IdSchema } from './common';
import type { SEARCH_CHANNELS, SEARCH_EVENTS } from './search.channels';
import { SEARCH_HIT_KINDS, SEARCH_PAGE_MAX } from './search.values';

export { SEARCH_HIT_KINDS, SEARCH_PAGE_MAX } from './search.values';

/** A partial date as the filters take it; the core checks it is a real date. */
const PartialDateText = z.string().regex(/^\d{4}(-\d{2}){0,2}$/, 'Use YYYY, YYYY-MM or YYYY-MM-DD');

/** One hit: `highlights` are [start, end) offsets into `snippet`, to be shown as marks. */
const SearchHitSchema = z.object({
  kind: z.enum(SEARCH_HIT_KINDS),
  refId: z.string(),
  caseId: z.string().nullable(),
  date: z.string().nullable(),
  title: z.string(),
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  score: z.number(),
  context: z
    .object({
      interviewId: z.string().optional(),
      position: z.number().optional(),
      startMs: z.number().nullable().optional(),
    })
    .optional(),
});

/** channel → request and response schemas. */
export const searchContract = {
  'search:query': {
    req: z
      .object({
        text: z.string().max(500),
        caseId: IdSchema.optional(),
        kinds: z.array(z.enum(SEARCH_HIT_KINDS)).max(SEARCH_HIT_KINDS.length).optional(),
        personId: IdSchema.optional(),
        dateFrom: PartialDateText.optional(),
        dateTo: PartialDateText.optional(),
        limit: z.number().int().min(1).max(SEARCH_PAGE_MAX).optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
      })
      .strict(),
    /** `total` is absent when there were too many matches to count exactly. */
    res: z.object({ hits: z.array(SearchHitSchema), total: z.number().optional(), tookMs: z.number() }),
  },
  /** Cases by title and people by code, for the filters. */
  'search:facets': {
    req: EmptySchema,
    res: z.object({
      cases: z.array(z.object({ id: z.string(), title: z.string() })),
      people: z.array(z.object({ id: z.string(), code: z.string(), caseIds: z.array(z.string()) })),
    }),
  },
} as const satisfies { [C in (typeof SEARCH_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const searchEvents = {} as const satisfies { [E in (typeof SEARCH_EVENTS)[number]]: z.ZodType };

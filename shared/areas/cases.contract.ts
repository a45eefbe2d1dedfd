/** Schemas of the cases area: list, read, create and edit cases. */
import { z } from 'zod';
import { CASE_STATUSES } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { IdSchema } from './common';
import type { CASES_CHANNELS, CASES_EVENTS } from './cases.channels';

/** A case as the interface sees it. */
export const CaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  reference: z.string().nullable(),
  summary: z.string(),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A case with counts, for lists. */
export const CaseSummarySchema = CaseSchema.extend({
  counts: z.object({ people: z.number(), items: z.number(), interviews: z.number(), events: z.number(), requests: z.number() }),
});

const caseFields = {
  title: z.string().trim().min(1, 'A case needs a title').max(300),
  reference: z.string().trim().min(1).max(64).nullable(),
  summary: z.string().max(20_000),
  status: z.enum(CASE_STATUSES),
};

/** channel → request and response schemas. */
export const casesContract = {
  'cases:list': {
    req: z.object({ status: z.enum(CASE_STATUSES).optional(), text: z.string().max(200).optional() }).strict(),
    res: z.array(CaseSummarySchema),
  },
  'cases:get': { req: z.object({ id: IdSchema }).strict(), res: CaseSummarySchema },
  'cases:create': {
    req: z.object({ title: caseFields.title, reference: caseFields.reference.optional(), summary: caseFields.summary.optional(), status: caseFields.status.optional() }).strict(),
    res: CaseSchema,
  },
  'cases:update': { req: z.object({ id: IdSchema, changes: z.object(caseFields).partial().strict() }).strict(), res: CaseSchema },
} as const satisfies { [C in (typeof CASES_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const casesEvents = {} as const satisfies { [E in (typeof CASES_EVENTS)[number]]: z.ZodType };

/** Schemas of the cases area: list, read, create and edit cases. */
import { z } from 'zod';
import { CASE_STATUSES, EVENT_TYPES, PLACE_TYPES, RESPONSE_KINDS } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { IdSchema } from './common';
import { ConsentSchema } from './people.contract';
import type { CASES_CHANNELS, CASES_EVENTS } from './cases.channels';

/** A case as the interface sees it. */
const CaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  reference: z.string().nullable(),
  summary: z.string(),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A case with counts, for lists. */
const CaseSummarySchema = CaseSchema.extend({
  counts: z.object({
    people: z.number(),
    items: z.number(),
    interviews: z.number(),
    events: z.number(),
    requests: z.number(),
  }),
});

/** One period without contact, as main/evidence/analysis/incommunicado.ts derives it. */
const IncommunicadoPeriodSchema = z.object({
  start: z.string(),
  end: z.string().nullable(),
  days: z.number(),
  open: z.boolean(),
  minDays: z.number(),
  maxDays: z.number(),
  approximate: z.boolean(),
  startEventId: z.string(),
  endEventId: z.string().nullable(),
  explanation: z.string(),
});

/** A detainee's periods without contact, the totals, and whether contact is lost now. */
const IncommunicadoSummarySchema = z.object({
  periods: z.array(IncommunicadoPeriodSchema),
  totalDays: z.number(),
  longestDays: z.number(),
  current: z.boolean(),
  notes: z.array(z.string()),
});

/** Request register statistics of one detainee. */
const RequestStatsSchema = z.object({
  sent: z.number(),
  answered: z.number(),
  unanswered: z.number(),
  medianResponseDays: z.number().nullable(),
  byResponse: z.object(
    Object.fromEntries([...RESPONSE_KINDS, 'pending'].map((k) => [k, z.number()])) as Record<
      (typeof RESPONSE_KINDS)[number] | 'pending',
      z.ZodNumber
    >,
  ),
});

/** A timeline event as the overview draws it (no description: the timeline tab shows those). */
const OverviewEventSchema = z.object({
  id: z.string(),
  personId: z.string(),
  type: z.enum(EVENT_TYPES),
  date: z.string(),
  dateApprox: z.boolean(),
  endDate: z.string().nullable(),
  place: z.object({ name: z.string(), type: z.enum(PLACE_TYPES), region: z.string() }).nullable(),
});

/** One detainee of the case: named by code (the name only with consent), and the analysis of their detention. */
const DetaineeOverviewSchema = z.object({
  person: z.object({ id: z.string(), code: z.string(), name: z.string().nullable(), consent: ConsentSchema }),
  incommunicado: IncommunicadoSummarySchema,
  requests: RequestStatsSchema,
});

/** Everything the case overview shows, computed by the core as of one day. */
const CaseOverviewSchema = z.object({
  case: CaseSummarySchema,
  asOf: z.string(),
  events: z.array(OverviewEventSchema),
  detainees: z.array(DetaineeOverviewSchema),
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
    req: z
      .object({
        title: caseFields.title,
        reference: caseFields.reference.optional(),
        summary: caseFields.summary.optional(),
        status: caseFields.status.optional(),
      })
      .strict(),
    res: CaseSchema,
  },
  'cases:update': {
    req: z.object({ id: IdSchema, changes: z.object(caseFields).partial().strict() }).strict(),
    res: CaseSchema,
  },
  'cases:overview': { req: z.object({ id: IdSchema }).strict(), res: CaseOverviewSchema },
  /** Where an imported case came from (one entry per import of it; none for a case made in this vault). */
  'cases:provenance': {
    req: z.object({ id: IdSchema }).strict(),
    res: z.array(
      z.object({
        packageId: z.string(),
        bag: z.string(),
        sourceVault: z.string(),
        importedAt: z.string(),
        entries: z.number().int().nonnegative(),
        checkpointSize: z.number().int().nonnegative().nullable(),
        signers: z.array(z.object({ name: z.string(), fingerprint: z.string() })),
        /** The package this one updated (DESIGN §6, "Update packages"); null for a full package. */
        updateOf: z.string().nullable(),
      }),
    ),
  },
} as const satisfies { [C in (typeof CASES_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const casesEvents = {} as const satisfies { [E in (typeof CASES_EVENTS)[number]]: z.ZodType };

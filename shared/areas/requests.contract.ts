/** Schemas of the requests area: the register of requests to the authorities and the answers received. */
import { z } from 'zod';
import { RESPONSE_KINDS, partialDateSchema } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { IdSchema } from './common';
import type { REQUESTS_CHANNELS, REQUESTS_EVENTS } from './requests.channels';

/** A request and its answer (if any); people by protective code. */
const RequestSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  personId: z.string(),
  personCode: z.string(),
  requesterId: z.string().nullable(),
  requesterCode: z.string().nullable(),
  date: z.string(),
  recipient: z.string(),
  channel: z.string(),
  about: z.string(),
  responseDate: z.string().nullable(),
  response: z.enum(RESPONSE_KINDS).nullable(),
  responseNote: z.string(),
  createdAt: z.string(),
});

/** channel → request and response schemas. */
export const requestsContract = {
  /** The requests of a case in date order. */
  'requests:list': { req: z.object({ caseId: IdSchema }).strict(), res: z.array(RequestSchema) },
  'requests:add': {
    req: z
      .object({
        caseId: IdSchema,
        personId: IdSchema,
        requesterId: IdSchema.nullable().optional(),
        date: partialDateSchema,
        recipient: z.string().trim().min(1, 'Say to whom the request was sent').max(500),
        channel: z.string().trim().max(200).optional(),
        about: z.string().max(20_000).optional(),
      })
      .strict(),
    res: RequestSchema,
  },
  /** Records the answer to a request (again, if a later one came). */
  'requests:answer': {
    req: z
      .object({
        id: IdSchema,
        date: partialDateSchema,
        response: z.enum(RESPONSE_KINDS),
        note: z.string().max(20_000).optional(),
      })
      .strict(),
    res: RequestSchema,
  },
} as const satisfies { [C in (typeof REQUESTS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const requestsEvents = {} as const satisfies { [E in (typeof REQUESTS_EVENTS)[number]]: z.ZodType };

/**
 * Schemas of the custody area: the log a page at a time, made readable; the
 * vault's verification (a task with progress) and its report; checkpoints and
 * their RFC 3161 timestamps.
 */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { CUSTODY_ACTIONS } from '../custody-actions';
import { EmptySchema, GrantSchema, IdSchema, TaskIdSchema } from './common';
import type { CUSTODY_CHANNELS, CUSTODY_EVENTS } from './custody.channels';

/** The kinds of record an entry can be about. */
export const CUSTODY_REF_KINDS = [
  'case',
  'item',
  'person',
  'interview',
  'event',
  'request',
  'member',
  'recipient',
  'place',
  'vault',
  'unknown',
] as const;

/** The most entries one page holds. */
const CUSTODY_PAGE_MAX = 200;

/** A record an entry names: labels are case/item titles, person CODES, member names; null when gone. */
const RecordRefSchema = z.object({
  kind: z.enum(CUSTODY_REF_KINDS),
  id: z.string(),
  label: z.string().nullable(),
  caseId: z.string().nullable(),
});

/** One custody entry, readable. */
export const ReadableEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  ts: z.string(),
  /** null: an action this version does not write (a newer version did); its name is in details.action. */
  action: z.enum(CUSTODY_ACTIONS).nullable(),
  actor: z.object({ name: z.string().nullable(), key: z.string() }),
  subject: RecordRefSchema.nullable(),
  related: z.array(RecordRefSchema),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  hash: z.string().nullable(),
  entryHash: z.string(),
});

/** Which entries: the whole vault, one case with its records, or one item. */
const CustodyScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vault') }).strict(),
  z.object({ kind: z.literal('case'), caseId: IdSchema }).strict(),
  z.object({ kind: z.literal('item'), itemId: IdSchema }).strict(),
]);

/** One line of the verification report. */
const FindingSchema = z.object({
  check: z.enum(['database', 'custody', 'checkpoint', 'head', 'header', 'object', 'orphan', 'transcript', 'record']),
  ok: z.boolean(),
  warning: z.boolean().optional(),
  subject: z.string().optional(),
  /** The items an object finding's object belongs to. */
  subjectLabel: z.string().optional(),
  detail: z.string(),
});

/** A signed checkpoint of the log. */
const CheckpointSchema = z.object({
  size: z.number(),
  root: z.string(),
  createdAt: z.string(),
  signer: z.string().nullable(),
  note: z.string(),
});

/**
 * An RFC 3161 timestamp attached to a checkpoint: what existed (the log at `checkpointSize` entries) no later than
 * when, by which TSA.
 */
const TimestampSchema = z.object({
  checkpointSize: z.number().int().nonnegative(),
  genTime: z.string(),
  tsa: z.string(),
  serial: z.string(),
  tokenSha256: z.string(),
});

/** channel → request and response schemas. */
export const custodyContract = {
  /** Newest first. */
  'custody:entries': {
    req: z
      .object({
        scope: CustodyScopeSchema,
        offset: z.number().int().min(0).max(100_000_000),
        limit: z.number().int().min(1).max(CUSTODY_PAGE_MAX),
      })
      .strict(),
    res: z.object({ total: z.number().int().nonnegative(), entries: z.array(ReadableEntrySchema) }),
  },
  /** Runs as task `taskId` (progress in objects checked). */
  'custody:verify': {
    req: z.object({ taskId: TaskIdSchema, quick: z.boolean().optional() }).strict(),
    res: z.object({
      ok: z.boolean(),
      entries: z.number(),
      objects: z.object({ checked: z.number(), failed: z.number(), orphans: z.number() }),
      checkpoint: z.object({ size: z.number(), signer: z.string().nullable() }).nullable(),
      findings: z.array(FindingSchema),
    }),
  },
  'custody:checkpoint': { req: EmptySchema, res: CheckpointSchema.nullable() },
  'custody:make-checkpoint': { req: EmptySchema, res: CheckpointSchema },
  /** The attached timestamps, newest first, and how many requests still wait for a reply. */
  'custody:timestamps': {
    req: EmptySchema,
    res: z.object({ attached: z.array(TimestampSchema), pending: z.number().int().nonnegative() }),
  },
  /**
   * Writes an RFC 3161 request over a checkpoint of the whole log to a file chosen in the save dialog (a write grant).
   */
  'custody:timestamp-request': {
    req: z.object({ output: GrantSchema }).strict(),
    res: z.object({
      checkpointSize: z.number().int().nonnegative(),
      reused: z.boolean(),
      imprint: z.string(),
      fileName: z.string(),
    }),
  },
  /**
   * Verifies the TSA's reply against the kept request, trusting only the chosen certificate file (read grants), and
   * records it.
   */
  'custody:timestamp-attach': {
    req: z.object({ reply: GrantSchema, chain: GrantSchema }).strict(),
    res: TimestampSchema.extend({ rootFingerprint: z.string() }),
  },
} as const satisfies { [C in (typeof CUSTODY_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const custodyEvents = {} as const satisfies { [E in (typeof CUSTODY_EVENTS)[number]]: z.ZodType };

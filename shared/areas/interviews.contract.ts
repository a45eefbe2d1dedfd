/** Schemas of the interviews area: interviews, their recordings, and transcript revisions with their differences. */
import { z } from 'zod';
import { INTERVIEW_MODES, partialDateSchema } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { GrantSchema, IdSchema } from './common';
import type { INTERVIEWS_CHANNELS, INTERVIEWS_EVENTS } from './interviews.channels';

/** The consent recorded for an interview. */
const InterviewConsentSchema = z.object({
  given: z.boolean(),
  date: partialDateSchema.optional(),
  how: z.string().max(4000).optional(),
  note: z.string().max(4000).optional(),
});

/** An interview; the interviewee is named by protective code. */
const InterviewSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  intervieweeId: z.string(),
  intervieweeCode: z.string(),
  interviewerId: z.string(),
  interviewerName: z.string(),
  date: z.string().nullable(),
  dateApprox: z.boolean(),
  mode: z.enum(INTERVIEW_MODES),
  language: z.string(),
  consent: InterviewConsentSchema,
  recordingItemIds: z.array(z.string()),
  currentRevision: z.number().int().nullable(),
  createdAt: z.string(),
});

/** One transcript segment; times in milliseconds from the start of the recording. The core checks the rest. */
const SegmentSchema = z.object({
  speaker: z.string().max(200),
  startMs: z.number().int().min(0).nullable(),
  endMs: z.number().int().min(0).nullable(),
  text: z.string().max(20_000),
  translation: z.string().max(20_000).nullable(),
});

const revisionFields = {
  id: z.string(),
  interviewId: z.string(),
  revision: z.number().int(),
  sha256: z.string(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
};

/** A revision with its segments. */
const RevisionSchema = z.object({ ...revisionFields, segments: z.array(SegmentSchema) });

/** A revision as history lists it, with whether its hash still matches its signed custody entry. */
const RevisionInfoSchema = z.object({ ...revisionFields, segmentCount: z.number().int(), verified: z.boolean() });

const FieldSchema = z.enum(['speaker', 'startMs', 'endMs', 'text', 'translation']);

/** One line of a segment-level diff (positions are 0-based). */
const SegmentDiffSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('unchanged'), a: z.number().int(), b: z.number().int(), segment: SegmentSchema }),
  z.object({
    op: z.literal('changed'),
    a: z.number().int(),
    b: z.number().int(),
    fields: z.array(FieldSchema),
    before: SegmentSchema,
    after: SegmentSchema,
  }),
  z.object({ op: z.literal('removed'), a: z.number().int(), segment: SegmentSchema }),
  z.object({ op: z.literal('added'), b: z.number().int(), segment: SegmentSchema }),
]);

const RevisionNumber = z.number().int().min(1);

/** channel → request and response schemas. */
export const interviewsContract = {
  'interviews:list': { req: z.object({ caseId: IdSchema }).strict(), res: z.array(InterviewSchema) },
  'interviews:get': { req: z.object({ id: IdSchema }).strict(), res: InterviewSchema },
  'interviews:create': {
    req: z
      .object({
        caseId: IdSchema,
        intervieweeId: IdSchema,
        date: partialDateSchema.optional(),
        dateApprox: z.boolean().optional(),
        mode: z.enum(INTERVIEW_MODES).optional(),
        language: z.string().max(64).optional(),
        consent: InterviewConsentSchema.strict().optional(),
      })
      .strict(),
    res: InterviewSchema,
  },
  'interviews:attach-recording': {
    req: z.object({ interviewId: IdSchema, itemId: IdSchema }).strict(),
    res: InterviewSchema,
  },
  /** Parses a transcript file (SRT, WebVTT, DOCX, `Speaker: text`) into a new revision. */
  'interviews:import-transcript': {
    req: z.object({ interviewId: IdSchema, file: GrantSchema, note: z.string().max(2000).optional() }).strict(),
    res: RevisionSchema,
  },
  /** One revision with its segments; the latest unless `revision` is given. */
  'interviews:revision': {
    req: z.object({ interviewId: IdSchema, revision: RevisionNumber.optional() }).strict(),
    res: RevisionSchema,
  },
  'interviews:revisions': { req: z.object({ interviewId: IdSchema }).strict(), res: z.array(RevisionInfoSchema) },
  /** Saves the segments as a new signed revision; earlier revisions are kept. */
  'interviews:revise': {
    req: z
      .object({
        interviewId: IdSchema,
        segments: z.array(SegmentSchema).min(1).max(50_000),
        note: z.string().max(2000).default(''),
      })
      .strict(),
    res: RevisionSchema,
  },
  'interviews:diff': {
    req: z.object({ interviewId: IdSchema, from: RevisionNumber, to: RevisionNumber }).strict(),
    res: z.object({ from: z.number().int(), to: z.number().int(), diff: z.array(SegmentDiffSchema) }),
  },
} as const satisfies { [C in (typeof INTERVIEWS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const interviewsEvents = {} as const satisfies { [E in (typeof INTERVIEWS_EVENTS)[number]]: z.ZodType };

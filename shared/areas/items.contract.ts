/** Schemas of the items area: list, read, add with progress, edit, derivatives, media URLs. */
import { z } from 'zod';
import { EXTRACTION_STATUSES, ITEM_KINDS, partialDateSchema } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { MAX_REDACTION_BOXES, RedactionBoxSchema, RedactionRecordSchema } from '../redaction';
import { GrantSchema, IdSchema, TaskIdSchema } from './common';
import type { ITEMS_CHANNELS, ITEMS_EVENTS } from './items.channels';

/** Who acquired an item, when and how, and a note. */
const AcquisitionSchema = z
  .object({ who: z.string().max(300), when: partialDateSchema, how: z.string().max(500), note: z.string().max(5000) })
  .partial()
  .strict();

/** The most rows one items:list answer carries (the interface reads pages as the list scrolls). */
const ITEM_PAGE_MAX = 1000;

/** One row of a case's item list. */
const ItemRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  kind: z.enum(ITEM_KINDS),
  mediaType: z.string().nullable(),
  size: z.number().nonnegative(),
  date: z.string().nullable(),
  dateApprox: z.boolean(),
  createdAt: z.string(),
  extractionStatus: z.enum(EXTRACTION_STATUSES),
  derivativeOf: z.string().nullable(),
  derivativeKind: z.string().nullable(),
  derivativeCount: z.number().int().nonnegative(),
});

/** An item's full record (as the core returns after a change). */
const ItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  objectId: z.string(),
  sha256: z.string(),
  sha512: z.string(),
  size: z.number().nonnegative(),
  createdAt: z.string(),
  caseId: z.string().nullable(),
  kind: z.enum(ITEM_KINDS),
  mediaType: z.string().nullable(),
  date: z.string().nullable(),
  dateApprox: z.boolean(),
  sourcePersonId: z.string().nullable(),
  // Always present from the core; optional only because the core's type says so.
  acquisition: AcquisitionSchema.optional(),
  extractionStatus: z.enum(EXTRACTION_STATUSES),
  extractionError: z.string().nullable(),
  derivativeOf: z.string().nullable(),
  derivativeKind: z.string().nullable(),
});

/** One item with its detail: extracted metadata, the sensitive part flagged apart, derivatives, a text excerpt. */
const ItemDetailSchema = ItemSchema.extend({
  metadata: z.record(z.string(), z.unknown()),
  sensitive: z.record(z.string(), z.unknown()),
  derivatives: z.array(ItemRowSchema),
  textExcerpt: z.string(),
  textLength: z.number().int().nonnegative(),
});

/** The editable metadata of an item (the core checks it again). */
const ItemChangesSchema = z
  .object({
    title: z.string().trim().min(1, 'An item needs a title').max(500),
    kind: z.enum(ITEM_KINDS),
    date: partialDateSchema.nullable(),
    dateApprox: z.boolean(),
    sourcePersonId: IdSchema.nullable(),
    acquisition: AcquisitionSchema,
  })
  .partial()
  .strict();

/** channel → request and response schemas. */
export const itemsContract = {
  /** A window of a case's items (oldest first), filtered by kind and text, and how many match in all. */
  'items:list': {
    req: z
      .object({
        caseId: IdSchema,
        kind: z.enum(ITEM_KINDS).optional(),
        text: z.string().max(200).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(ITEM_PAGE_MAX).optional(),
      })
      .strict(),
    res: z.object({ total: z.number().int().nonnegative(), rows: z.array(ItemRowSchema) }),
  },
  'items:get': { req: z.object({ id: IdSchema }).strict(), res: ItemDetailSchema },
  /** The whole extracted text ('' when none). */
  'items:text': { req: z.object({ id: IdSchema }).strict(), res: z.object({ text: z.string() }) },
  /** Adds granted files to a case as task `taskId` (progress in bytes; cancel between chunks). */
  'items:add-files': {
    req: z.object({ caseId: IdSchema, files: z.array(GrantSchema).min(1).max(10_000), taskId: TaskIdSchema }).strict(),
    res: z.object({ items: z.array(ItemRowSchema) }),
  },
  'items:update': { req: z.object({ id: IdSchema, changes: ItemChangesSchema }).strict(), res: ItemSchema },
  /** Stores a derivative (e.g. a redacted copy) of item `id` from a file. */
  'items:add-derivative': {
    req: z
      .object({
        id: IdSchema,
        file: GrantSchema,
        derivativeKind: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Name the kind in lowercase words joined by _ (e.g. redacted)'),
        title: z.string().trim().min(1).max(500).optional(),
      })
      .strict(),
    res: ItemSchema,
  },
  /**
   * Stores a redacted copy of item `id` as its derivative: the boxes removed (PDF, image) and/or
   * every occurrence of person `personId`'s names (PDF, text). No paths: the item is in the vault.
   */
  'items:redact': {
    req: z
      .object({
        id: IdSchema,
        boxes: z.array(RedactionBoxSchema).max(MAX_REDACTION_BOXES).optional(),
        personId: IdSchema.optional(),
      })
      .strict()
      .refine(
        (r) => (r.boxes?.length ?? 0) > 0 || r.personId !== undefined,
        'Give boxes to remove or a person whose names to remove.',
      ),
    res: z.object({ item: ItemSchema, redaction: RedactionRecordSchema }),
  },
  /** The URL the page loads the item's decrypted content from (streamed with byte ranges). */
  'items:media-url': { req: z.object({ id: IdSchema }).strict(), res: z.object({ url: z.string() }) },
} as const satisfies { [C in (typeof ITEMS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const itemsEvents = {} as const satisfies { [E in (typeof ITEMS_EVENTS)[number]]: z.ZodType };

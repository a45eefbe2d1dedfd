import { z } from 'zod';
import { ITEM_KINDS, partialDateSchema } from '../../shared/domain';

/** Who acquired an item, when and how, and a free note (all kept inside the vault only). */
const acquisitionSchema = z
  .object({ who: z.string().max(300), when: partialDateSchema, how: z.string().max(500), note: z.string().max(5000) })
  .partial()
  .strict();

/** The editable metadata of an item. */
export const itemMetadataSchema = z
  .object({
    title: z.string().trim().min(1).max(500),
    caseId: z.string().min(1).nullable(),
    kind: z.enum(ITEM_KINDS),
    date: partialDateSchema.nullable(),
    dateApprox: z.boolean(),
    sourcePersonId: z.string().min(1).nullable(),
    acquisition: acquisitionSchema,
  })
  .partial()
  .strict();

/** The editable metadata of an item, as given by a caller. */
export type ItemMetadata = z.output<typeof itemMetadataSchema>;

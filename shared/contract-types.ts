/** The shape every area's contract file fills in (kept apart from contract.ts to avoid an import cycle). */
import type { z } from 'zod';

/** The schemas of one request channel. */
export interface ChannelSchemas {
  req: z.ZodType;
  res: z.ZodType;
}

/** Schemas of the reports area: a case report as a signed PDF (DESIGN §9). */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { GrantSchema, IdSchema, PathSchema } from './common';
import type { REPORTS_CHANNELS, REPORTS_EVENTS } from './reports.channels';

/** The languages a report is written in: those of the interface. */
export const REPORT_LANGUAGES = ['en', 'uk', 'ru'] as const;

/** The profiles a report follows (the export's built-in two): protected names people by code unless they consented. */
export const REPORT_PROFILES = ['protected', 'full'] as const;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** channel → request and response schemas. */
export const reportsContract = {
  /**
   * Writes the report of a case to the file chosen in the save dialog (a save-file grant), with its
   * minisign signature beside it (FILE.minisig); neither is ever written over an existing file.
   */
  'reports:case': {
    req: z
      .object({
        caseId: IdSchema,
        lang: z.enum(REPORT_LANGUAGES),
        /** Shaped like the export's profile choice: { kind: 'protected' } (the default) or { kind: 'full' }. */
        profile: z
          .object({ kind: z.enum(REPORT_PROFILES) })
          .strict()
          .default({ kind: 'protected' }),
        output: GrantSchema,
      })
      .strict(),
    res: z.object({
      path: PathSchema,
      signaturePath: PathSchema,
      sha256: Sha256Schema,
      bytes: z.number().int().positive(),
      asOf: z.string(),
      checkpoint: z.object({ size: z.number().int().nonnegative(), root: Sha256Schema }),
      signerFingerprint: z.string(),
      counts: z.object({
        events: z.number().int().nonnegative(),
        requests: z.number().int().nonnegative(),
        exhibits: z.number().int().nonnegative(),
      }),
    }),
  },
} as const satisfies { [C in (typeof REPORTS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const reportsEvents = {} as const satisfies { [E in (typeof REPORTS_EVENTS)[number]]: z.ZodType };

/** Schemas of the app area: version, native dialogs, clipboard. */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { EmptySchema, PathSchema } from './common';
import type { APP_CHANNELS, APP_EVENTS } from './app.channels';

const FileFilterSchema = z.object({ name: z.string().max(100), extensions: z.array(z.string().max(20)).max(50) }).strict();

/** channel → request and response schemas. */
export const appContract = {
  'app:info': { req: EmptySchema, res: z.object({ name: z.string(), version: z.string() }) },
  /** Native open dialog; [] when cancelled. */
  'dialog:open-files': {
    req: z.object({ title: z.string().max(200).optional(), multiple: z.boolean().default(true), filters: z.array(FileFilterSchema).max(10).optional() }).strict(),
    res: z.object({ paths: z.array(PathSchema) }),
  },
  /** Native folder dialog (vault location); null when cancelled. */
  'dialog:choose-folder': {
    req: z.object({ title: z.string().max(200).optional(), create: z.boolean().default(false) }).strict(),
    res: z.object({ path: PathSchema.nullable() }),
  },
  /** Native save dialog (export target); null when cancelled. */
  'dialog:save-file': {
    req: z.object({ title: z.string().max(200).optional(), defaultName: z.string().max(255).optional() }).strict(),
    res: z.object({ path: PathSchema.nullable() }),
  },
  /** Copies a secret (recovery code) and clears it from the clipboard after `clearAfterMs` if still there. */
  'clipboard:write-secret': {
    req: z.object({ text: z.string().min(1).max(1000), clearAfterMs: z.number().int().min(1000).max(300_000).default(30_000) }).strict(),
    res: z.object({}),
  },
} as const satisfies { [C in (typeof APP_CHANNELS)[number]]: ChannelSchemas };

/** The native menu's choices that the page carries out (screens to open). */
export const MENU_ACTIONS = ['cases', 'search', 'custody', 'settings', 'receive'] as const;

/** event → payload schema. */
export const appEvents = {
  'app:menu': z.object({ action: z.enum(MENU_ACTIONS) }).strict(),
} as const satisfies { [E in (typeof APP_EVENTS)[number]]: z.ZodType };

/** Schemas of the app area: version, native dialogs, clipboard. */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { EmptySchema, GrantedPathSchema, PathSchema } from './common';
import type { APP_CHANNELS, APP_EVENTS, PRELOAD_CHANNELS } from './app.channels';

const FileFilterSchema = z
  .object({ name: z.string().max(100), extensions: z.array(z.string().max(20)).max(50) })
  .strict();

/** channel → request and response schemas. */
export const appContract = {
  'app:info': { req: EmptySchema, res: z.object({ name: z.string(), version: z.string() }) },
  /** Native open dialog: a read grant per chosen file; [] when cancelled. */
  'dialog:open-files': {
    req: z
      .object({
        title: z.string().max(200).optional(),
        multiple: z.boolean().default(true),
        filters: z.array(FileFilterSchema).max(10).optional(),
      })
      .strict(),
    res: z.object({ files: z.array(GrantedPathSchema) }),
  },
  /** Native folder dialog (vault location): a folder grant; null when cancelled. */
  'dialog:choose-folder': {
    req: z.object({ title: z.string().max(200).optional(), create: z.boolean().default(false) }).strict(),
    res: z.object({ folder: GrantedPathSchema.nullable() }),
  },
  /**
   * Native save dialog (export target): a write grant; null when cancelled. Only the name part of defaultName is used.
   */
  'dialog:save-file': {
    req: z.object({ title: z.string().max(200).optional(), defaultName: z.string().max(255).optional() }).strict(),
    res: z.object({ file: GrantedPathSchema.nullable() }),
  },
  /** Copies a secret (recovery code) and clears it from the clipboard after `clearAfterMs` if still there. */
  'clipboard:write-secret': {
    req: z
      .object({
        text: z.string().min(1).max(1000),
        clearAfterMs: z.number().int().min(1000).max(300_000).default(30_000),
      })
      .strict(),
    res: z.object({}),
  },
} as const satisfies { [C in (typeof APP_CHANNELS)[number]]: ChannelSchemas };

/** channel → schemas of the preload-only channels (not on window.vigil). */
export const preloadContract = {
  /**
   * Paths of files dropped on the window, read by the preload (webUtils.getPathForFile): a read grant
   * per regular file. The one request that carries paths, by design: main cannot see a drop, so the
   * preload, in its isolated world, reports it. The page cannot send this (it has no ipcRenderer and
   * window.vigil has no such method), a File the page makes has no path, and main grants only
   * absolute paths of regular files (no links, folders or devices).
   */
  'dialog:dropped-files': {
    req: z.object({ paths: z.array(PathSchema).min(1).max(10_000) }).strict(),
    res: z.object({ files: z.array(GrantedPathSchema) }),
  },
} as const satisfies { [C in (typeof PRELOAD_CHANNELS)[number]]: ChannelSchemas };

/** The native menu's choices that the page carries out (screens to open). */
export const MENU_ACTIONS = ['cases', 'search', 'custody', 'settings', 'receive'] as const;

/** event → payload schema. */
export const appEvents = {
  'app:menu': z.object({ action: z.enum(MENU_ACTIONS) }).strict(),
} as const satisfies { [E in (typeof APP_EVENTS)[number]]: z.ZodType };

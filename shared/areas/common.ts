/** Schemas several areas share: ids, paths, task ids, empty requests. */
import { z } from 'zod';

/** A record id (UUID) or a unique prefix of one, as the core accepts. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9a-zA-Z-]+$/, 'Not an id');

/** A file or folder path, in answers only: the window never sends one (it sends grants). */
export const PathSchema = z.string().min(1).max(4096);

/**
 * An opaque, one-use grant the main process issued for a file or folder the
 * person chose in a native dialog or dropped on the window. Every request that
 * names a file carries one of these instead of a path (DESIGN §1).
 */
export const GrantSchema = z
  .string()
  .regex(/^grant-[A-Za-z0-9_-]{22}$/, 'Not a file chosen in this window (choose it in the dialog)');

/** A granted file or folder as the window sees it: the grant to send back, and words to show. */
export const GrantedPathSchema = z.object({ grant: GrantSchema, name: z.string(), label: z.string() }).strict();

/** Identifies one long operation, chosen by the renderer, so progress and cancel can refer to it. */
export const TaskIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[0-9a-zA-Z-]+$/, 'Not a task id');

/** A request with no fields. */
export const EmptySchema = z.object({}).strict();

/** An answer with no fields. */
export const DoneSchema = z.object({}).strict();

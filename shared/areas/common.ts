/** Schemas several areas share: ids, paths, task ids, empty requests. */
import { z } from 'zod';

/** A record id (UUID) or a unique prefix of one, as the core accepts. */
export const IdSchema = z.string().min(1).max(64).regex(/^[0-9a-zA-Z-]+$/, 'Not an id');

/** A file or folder path chosen by the user (the core checks it exists). */
export const PathSchema = z.string().min(1).max(4096);

/** Identifies one long operation, chosen by the renderer, so progress and cancel can refer to it. */
export const TaskIdSchema = z.string().min(8).max(64).regex(/^[0-9a-zA-Z-]+$/, 'Not a task id');

/** A request with no fields. */
export const EmptySchema = z.object({}).strict();

/** An answer with no fields. */
export const DoneSchema = z.object({}).strict();

/** A short single-line text (titles, names). */
export const ShortText = z.string().max(500);

/** Free text (notes, descriptions). */
export const LongText = z.string().max(100_000);

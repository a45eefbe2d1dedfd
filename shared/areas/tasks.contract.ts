/**
 * Long operations (ingest, export, verify): the renderer picks a task id, passes
 * it with the request, listens to task:progress for that id, and may cancel it.
 */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { TaskIdSchema } from './common';
import type { TASKS_CHANNELS, TASKS_EVENTS } from './tasks.channels';

/** One progress report; `total` is null when unknown. Units are the task's own (bytes, files, entries). */
const TaskProgressSchema = z.object({
  taskId: TaskIdSchema,
  done: z.number().nonnegative(),
  total: z.number().nonnegative().nullable(),
  unit: z.enum(['bytes', 'files', 'entries', 'objects', 'steps']),
  /** What is being worked on now, e.g. a file name; may be shown to the user. */
  label: z.string().max(500).optional(),
});

/** channel → request and response schemas. */
export const tasksContract = {
  /** Asks a running task to stop; `cancelled` is false when no such task is running. */
  'task:cancel': { req: z.object({ taskId: TaskIdSchema }).strict(), res: z.object({ cancelled: z.boolean() }) },
} as const satisfies { [C in (typeof TASKS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const tasksEvents = {
  'task:progress': TaskProgressSchema,
} as const satisfies { [E in (typeof TASKS_EVENTS)[number]]: z.ZodType };

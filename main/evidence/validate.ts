import type { z } from 'zod';
import { VigilError } from '../../shared/errors';

/** Parses service input with a zod schema; a failure becomes INVALID_INPUT naming the field and the problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new VigilError('INVALID_INPUT', `${where}${issue?.message ?? 'invalid input'}`);
}

/** Drops keys whose value is undefined, so a partial change can be spread over a full record. */
export function definedOnly<T extends object>(obj: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

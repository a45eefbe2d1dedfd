import { isValidPartialDate } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';

const MS_PER_DAY = 86_400_000;

/** The year, month (1–12 or null) and day (or null) of a partial date; refuses anything that is not one. */
function parts(d: string): { year: number; month: number | null; day: number | null } {
  if (!isValidPartialDate(d)) {
    throw new VigilError('INVALID_INPUT', `"${d}" is not a date. Use YYYY, YYYY-MM or YYYY-MM-DD.`);
  }
  const [y, m, day] = d.split('-');
  return { year: Number(y), month: m === undefined ? null : Number(m), day: day === undefined ? null : Number(day) };
}

// A timeline of 10,000 events holds far fewer distinct dates; parsing each once
// keeps the analysis linear in cheap map lookups. Cleared when large, never stale
// (a date string always means the same days).
const boundsCache = new Map<string, readonly [number, number]>();
const CACHE_LIMIT = 50_000;

function bounds(d: string): readonly [number, number] {
  const cached = boundsCache.get(d);
  if (cached) return cached;
  const { year, month, day } = parts(d);
  const first = Date.UTC(year, (month ?? 1) - 1, day ?? 1) / MS_PER_DAY;
  // Day 0 of the following month is the last day of this one (Date.UTC rolls over the year).
  const last =
    day !== null ? first : (month === null ? Date.UTC(year + 1, 0, 1) : Date.UTC(year, month, 1)) / MS_PER_DAY - 1;
  if (boundsCache.size >= CACHE_LIMIT) boundsCache.clear();
  const result = [first, last] as const;
  boundsCache.set(d, result);
  return result;
}

/** Days since 1970-01-01 (UTC) of the first day a partial date can mean ('2024-03' → 2024-03-01). */
export function earliestDay(d: string): number {
  return bounds(d)[0];
}

/**
 * Days since 1970-01-01 (UTC) of the last day a partial date can mean ('2024-03' → 2024-03-31, '2024' → 2024-12-31).
 */
export function latestDay(d: string): number {
  return bounds(d)[1];
}

/** The 'YYYY-MM-DD' of a day number. */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True when a partial date names a single day ('YYYY-MM-DD'). */
export function isDayPrecise(d: string): boolean {
  return d.length === 10;
}

/** The day number of a full 'YYYY-MM-DD' date; INVALID_INPUT for a partial or malformed one. */
export function fullDay(d: string, what = 'date'): number {
  if (!isDayPrecise(d) || !isValidPartialDate(d)) {
    throw new VigilError('INVALID_INPUT', `The ${what} must be a full date YYYY-MM-DD; got "${d}".`);
  }
  return earliestDay(d);
}

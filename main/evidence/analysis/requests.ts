/**
 * Request register statistics of one detainee. A request counts as answered
 * when a token, denial or substantive response was recorded with a date; a
 * recorded `none` means no answer came, so it stays unanswered.
 */
import { RESPONSE_KINDS, type ResponseKind } from '../../../shared/domain';
import { earliestDay } from './dates';

/** A request as the statistics need it. */
export interface RequestRecord {
  id: string;
  date: string;
  responseDate: string | null;
  response: ResponseKind | null;
}

/** Requests sent, answered and unanswered, the median days to an answer, and the count per response kind. */
export interface RequestStats {
  sent: number;
  answered: number;
  unanswered: number;
  medianResponseDays: number | null;
  byResponse: Record<ResponseKind | 'pending', number>;
}

/** True when a request received an actual answer (not `none`) on a known date. */
export function isAnswered(r: RequestRecord): boolean {
  return r.responseDate !== null && (r.response === 'token' || r.response === 'denial' || r.response === 'substantive');
}

/** Counts and the median response time (days between the earliest days of the two dates) over answered requests. */
export function requestStats(requests: RequestRecord[]): RequestStats {
  const byResponse = Object.fromEntries([...RESPONSE_KINDS, 'pending'].map((k) => [k, 0])) as Record<
    ResponseKind | 'pending',
    number
  >;
  const waits: number[] = [];
  for (const r of requests) {
    byResponse[r.response ?? 'pending'] += 1;
    if (isAnswered(r) && r.responseDate !== null) waits.push(earliestDay(r.responseDate) - earliestDay(r.date));
  }
  return {
    sent: requests.length,
    answered: waits.length,
    unanswered: requests.length - waits.length,
    medianResponseDays: median(waits),
    byResponse,
  };
}

/** The median of a list of numbers (mean of the middle two for an even count); null for an empty list. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number): number => sorted[i] ?? 0;
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** The search request built from the box and filters, and its pages of hits. */
import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import type { Req, Res } from '../../../shared/contract';
import { request, type ApiError } from '../../api/vigil';

/** What the filters hold ('' = not set). */
export interface FilterState {
  caseId: string;
  personId: string;
  kinds: string[];
  dateFrom: string;
  dateTo: string;
}

/** No filter set. */
export const NO_FILTERS: FilterState = { caseId: '', personId: '', kinds: [], dateFrom: '', dateTo: '' };

/** Hits per page. */
const SEARCH_PAGE = 25;

const PARTIAL_DATE = /^\d{4}(-\d{2}){0,2}$/;

/** True when `value` is empty or looks like YYYY, YYYY-MM or YYYY-MM-DD (the core checks the calendar). */
export function dateLooksValid(value: string): boolean {
  return value.trim() === '' || PARTIAL_DATE.test(value.trim());
}

type Query = Omit<Req<'search:query'>, 'limit' | 'offset'>;

/** The request for `text` and `filters`, leaving out what is not set. */
export function searchRequest(text: string, filters: FilterState): Query {
  const req: Query = { text };
  if (filters.caseId !== '') req.caseId = filters.caseId;
  if (filters.personId !== '') req.personId = filters.personId;
  if (filters.kinds.length > 0) req.kinds = filters.kinds as NonNullable<Query['kinds']>;
  if (filters.dateFrom.trim() !== '') req.dateFrom = filters.dateFrom.trim();
  if (filters.dateTo.trim() !== '') req.dateTo = filters.dateTo.trim();
  return req;
}

type Page = Res<'search:query'>;

/** Pages of hits for `query`; disabled while `enabled` is false. */
export function useSearchPages(
  query: Query,
  enabled: boolean,
): UseInfiniteQueryResult<InfiniteData<Page, number>, ApiError> {
  return useInfiniteQuery<Page, ApiError, InfiniteData<Page, number>, readonly unknown[], number>({
    queryKey: ['search:query', query, 'pages'],
    queryFn: ({ pageParam }) => request('search:query', { ...query, offset: pageParam, limit: SEARCH_PAGE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hits.length < SEARCH_PAGE ? undefined : pages.length * SEARCH_PAGE),
    enabled,
    retry: false,
  });
}

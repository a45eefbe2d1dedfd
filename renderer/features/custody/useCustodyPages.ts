/** Pages of the custody log from the core, fetched as the list scrolls (the log may hold 100k entries). */
import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import type { Req, Res } from '../../../shared/contract';
import { request, type ApiError } from '../../api/vigil';

/** Which entries to page through. */
export type CustodyScope = Req<'custody:entries'>['scope'];
type Page = Res<'custody:entries'>;

/** Entries fetched per request. */
const PAGE_SIZE = 100;

/** The log of `scope`, newest first, in pages; the key starts with the channel so writes and lock refresh it. */
export function useCustodyPages(scope: CustodyScope): UseInfiniteQueryResult<InfiniteData<Page, number>, ApiError> {
  return useInfiniteQuery<Page, ApiError, InfiniteData<Page, number>, readonly unknown[], number>({
    queryKey: ['custody:entries', { scope }, 'pages'],
    queryFn: ({ pageParam }) => request('custody:entries', { scope, offset: pageParam, limit: PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.entries.length, 0);
      return loaded < last.total && last.entries.length > 0 ? loaded : undefined;
    },
  });
}

/**
 * A case's item list read in pages as it scrolls: the first page gives the
 * count (so the list has its full height at once), the pages in view are read
 * on demand and cached, so 10,000 items cost a screenful to show.
 */
import { useQueries } from '@tanstack/react-query';
import type { Req } from '../../../shared/contract';
import { queryKey } from '../../api/queries';
import { request, type ApiError } from '../../api/vigil';
import type { ItemRow } from './format';
import type { ItemFilters } from './ItemsToolbar';

/** Rows per read. */
export const PAGE_ROWS = 100;

/** The pages of the list in view (inclusive). */
export interface PageWindow {
  first: number;
  last: number;
}

/** What the list needs: the number of matching items, the row at an index (undefined while its page loads). */
interface ItemPages {
  total: number | undefined;
  rowAt(index: number): ItemRow | undefined;
  error: ApiError | null;
}

/** Reads the pages of `window` (and always the first) of the case's items matching `filters`. */
export function useItemPages(caseId: string, filters: ItemFilters, window: PageWindow): ItemPages {
  const text = filters.text.trim();
  const base: Req<'items:list'> = {
    caseId,
    limit: PAGE_ROWS,
    ...(filters.kind === 'all' ? {} : { kind: filters.kind }),
    ...(text === '' ? {} : { text }),
  };
  const wanted = [0];
  for (let p = Math.max(1, window.first); p <= window.last; p++) wanted.push(p);
  const results = useQueries({
    queries: wanted.map((page) => {
      const req = { ...base, offset: page * PAGE_ROWS };
      return { queryKey: queryKey('items:list', req), queryFn: () => request('items:list', req) };
    }),
  });
  const pages = new Map<number, ItemRow[]>();
  results.forEach((r, i) => {
    const page = wanted[i];
    if (r.data !== undefined && page !== undefined) pages.set(page, r.data.rows);
  });
  return {
    total: results[0]?.data?.total,
    rowAt: (index) => pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    error: (results.find((r) => r.error !== null)?.error as ApiError | null | undefined) ?? null,
  };
}

import { isValidPartialDate } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';
import { SEARCH_KINDS, type SearchDoc } from './search-doc';
import { bucketRange, caseBucket } from './rowid';
import { kindTag, personTag } from './tags';

/** What narrows a search; dates are partial ('YYYY', 'YYYY-MM', 'YYYY-MM-DD'). */
export interface SearchFilters {
  caseId?: string;
  kinds?: SearchDoc['kind'][];
  personId?: string;
  dateFrom?: string;
  dateTo?: string;
  limit?: number;
  offset?: number;
}

/** The most hits one call returns. */
const MAX_LIMIT = 500;
/** Hits returned when no limit is given. */
const DEFAULT_LIMIT = 20;

/**
 * The SQL a set of filters becomes: a rowid range FTS5 applies itself, and conditions SQLite checks on each candidate.
 */
export interface FilterSql {
  range: [bigint, bigint] | null;
  /** FTS5 terms ANDed to the query: kind and person filters run inside the index (column `tags`). */
  match: string | null;
  where: string;
  params: (string | number)[];
  limit: number;
  offset: number;
}

// A partial date's first and last day as YYYY-MM-DD text; '-31' ends every month, which is right for comparing strings.
const DOC_START = `CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END`;
const DOC_END = `CASE length(date) WHEN 4 THEN date || '-12-31' WHEN 7 THEN date || '-31' ELSE date END`;

function firstDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

function lastDay(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

function checkDate(value: string | undefined, flag: string): void {
  if (value !== undefined && !isValidPartialDate(value)) {
    throw new VigilError('INVALID_INPUT', `${flag} "${value}" is not a date. Use YYYY, YYYY-MM or YYYY-MM-DD.`);
  }
}

function checkCount(value: number | undefined, name: string, min: number, max: number): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new VigilError(
      'INVALID_INPUT',
      `The ${name} must be a whole number from ${min} to ${max}; got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Turns filters into SQL. A record whose date is partial is in a date range
 * when any of its days is; records without a date are left out once a date
 * filter is given.
 */
export function filterSql(filters: SearchFilters): FilterSql {
  const conds: string[] = [];
  const params: (string | number)[] = [];
  const match: string[] = [];
  if (filters.caseId !== undefined) {
    conds.push('case_id = ?');
    params.push(filters.caseId);
  }
  if (filters.kinds && filters.kinds.length > 0) {
    for (const kind of filters.kinds) {
      if (!(SEARCH_KINDS as readonly string[]).includes(kind))
        throw new VigilError(
          'INVALID_INPUT',
          `Unknown kind "${String(kind)}". Use one of: ${SEARCH_KINDS.join(', ')}.`,
        );
    }
    match.push(`tags:(${filters.kinds.map((k) => `"${kindTag(k)}"`).join(' OR ')})`);
  }
  if (filters.personId !== undefined) match.push(`tags:"${personTag(filters.personId)}"`);
  checkDate(filters.dateFrom, '--from');
  checkDate(filters.dateTo, '--to');
  if (filters.dateFrom !== undefined) {
    conds.push(`date IS NOT NULL AND ${DOC_END} >= ?`);
    params.push(firstDay(filters.dateFrom));
  }
  if (filters.dateTo !== undefined) {
    conds.push(`date IS NOT NULL AND ${DOC_START} <= ?`);
    params.push(lastDay(filters.dateTo));
  }
  return {
    range: filters.caseId !== undefined ? bucketRange(caseBucket(filters.caseId)) : null,
    match: match.length ? match.join(' AND ') : null,
    where: conds.map((c) => ` AND ${c}`).join(''),
    params,
    limit: checkCount(filters.limit, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT,
    offset: checkCount(filters.offset, 'offset', 0, 1_000_000) ?? 0,
  };
}

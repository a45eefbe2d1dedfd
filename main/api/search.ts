/** What the search channels answer: the hits, and what the filters offer (people by CODE, never their names). */
import type { ReqParsed, Res } from '../../shared/contract';
import { search } from '../evidence/search/search';
import { definedOnly } from '../evidence/validate';
import type { ReadDb } from '../vault/database';

/** search:query — the hits for a text, filtered as asked. */
export function searchQuery(db: ReadDb, { text, ...filters }: ReqParsed<'search:query'>): Res<'search:query'> {
  return search(db, text, definedOnly(filters));
}

/** search:facets — cases (newest first) and people (by code) for the search filters. */
export function searchFacets(db: ReadDb): Res<'search:facets'> {
  const cases = db
    .prepare('SELECT id, title FROM cases ORDER BY created_at DESC, id')
    .all() as Res<'search:facets'>['cases'];
  const rows = db
    .prepare(
      `SELECT p.id AS id, p.code AS code, (SELECT group_concat(DISTINCT case_id) FROM case_people WHERE ` +
        `person_id = p.id) AS caseIds FROM people p ORDER BY p.code`,
    )
    .all() as { id: string; code: string; caseIds: string | null }[];
  return {
    cases,
    people: rows.map((r) => ({ id: r.id, code: r.code, caseIds: r.caseIds === null ? [] : r.caseIds.split(',') })),
  };
}

/** What the search filters offer: the cases by title and the people by CODE (never their protected names). */
import type { ReadDb } from '../../vault/database';

/** The choices of the search filters. */
interface SearchFacets {
  cases: { id: string; title: string }[];
  people: { id: string; code: string; caseIds: string[] }[];
}

/** Cases (newest first) and people (by code) for the search filters. */
export function searchFacets(db: ReadDb): SearchFacets {
  const cases = db.prepare('SELECT id, title FROM cases ORDER BY created_at DESC, id').all() as SearchFacets['cases'];
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

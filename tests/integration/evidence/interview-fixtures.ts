import { iterateStoredEntries } from '../../../main/custody/log-store';
import type { Segment } from '../../../main/evidence/transcript-segments';
import { createCase } from '../../../main/evidence/cases';
import { addPerson } from '../../../main/evidence/people';
import type { Vault } from '../../../main/vault/vault';

/** A custody entry as stored, parsed. */
export interface ParsedEntry {
  seq: number;
  action: string;
  subject: string | null;
  hash: string | null;
  data: Record<string, unknown>;
}

/** A case and an interviewee (a relative), made by the case and people services. */
export function seedCaseAndPerson(
  vault: Vault,
  code = 'W-001',
  name = 'Olena Kovalenko',
): { caseId: string; personId: string } {
  const caseId = createCase(vault, { title: 'Fixture case' }).id;
  const personId = addPerson(vault, { caseId, role: 'relative', name, code }).id;
  return { caseId, personId };
}

/** Every custody entry, parsed. */
export function entries(vault: Vault): ParsedEntry[] {
  return [...iterateStoredEntries(vault.db)].map((e) => JSON.parse(e.canonical) as ParsedEntry);
}

/** A small timed segment. */
export function seg(speaker: string, startS: number, text: string, translation: string | null = null): Segment {
  return { speaker, startMs: startS * 1000, endMs: startS * 1000 + 900, text, translation };
}

/** The (kind, ref_id) of every search row matching an FTS5 query. */
export function searchRows(vault: Vault, query: string): { kind: string; refId: string; title: string }[] {
  return vault.db
    .prepare('SELECT kind, ref_id AS refId, title FROM search_index WHERE search_index MATCH ? ORDER BY ref_id')
    .all(query) as { kind: string; refId: string; title: string }[];
}

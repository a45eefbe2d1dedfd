import { iterateStoredEntries } from '../custody/log-store';
import type { ReadDb } from '../vault/database';
import type { Finding } from '../vault/finding';
import { rawNameProblem } from './raw-name';

/** The actions whose entry records an item's file as it was added. */
const ADDED = new Set(['item.ingested', 'item.derivative_added']);

/**
 * Checks every item's raw (non-UTF-8) file name against the entry that added it (raw-name.ts):
 * the kept bytes, with their salt, must be the name the signed entry commits to, and an item
 * must have such a name exactly when its entry cites one. A name or salt changed, removed or
 * added outside Vigil is reported. Only failures give findings; an empty list means it held.
 */
export function rawNameProblems(db: ReadDb): Finding[] {
  const added = new Map<string, { seq: number; data: Record<string, unknown> }>();
  for (const row of iterateStoredEntries(db)) {
    const entry = JSON.parse(row.canonical) as {
      seq: number;
      action: string;
      subject: string | null;
      data: Record<string, unknown>;
    };
    if (ADDED.has(entry.action) && entry.subject !== null) added.set(entry.subject, entry);
  }
  const findings: Finding[] = [];
  const rows = db.prepare('SELECT id, file_name_raw AS raw, raw_name_salt AS salt FROM items').all() as {
    id: string;
    raw: Buffer | null;
    salt: Buffer | null;
  }[];
  for (const { id, raw, salt } of rows) {
    const entry = added.get(id);
    // Items brought in by an import have no entry of this vault adding them, and never a raw name.
    if (entry === undefined) {
      if (raw !== null)
        findings.push({
          check: 'record',
          ok: false,
          subject: `item ${id}`,
          detail: 'its file name is not valid UTF-8, but no custody entry records how it was added',
        });
      continue;
    }
    const problem = rawNameProblem(entry.data, raw, salt);
    if (problem !== null)
      findings.push({
        check: 'record',
        ok: false,
        subject: `item ${id}`,
        detail: `${problem} (custody entry ${entry.seq}): it was changed outside Vigil`,
      });
  }
  return findings;
}

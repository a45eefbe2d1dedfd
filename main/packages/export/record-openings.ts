import { canonicalJsonAsWritten } from '../../crypto/canonical-json';
import { iterateStoredEntries } from '../../custody/log-store';
import { recordSalt } from '../../evidence/record-commit';
import { SALTED_HASH_FORMAT } from '../../evidence/record-hash';
import { recordKindOf, type RecordKind } from '../../evidence/record-kinds';
import type { ReadDb } from '../../vault/database';
import type { NamePolicy } from './names';
import type { ProfileSettings } from './profile';

interface EntryHead {
  seq: number;
  action: string;
  subject: string | null;
  data: Record<string, unknown>;
}

/**
 * True when the profile exports every protected field as recorded (names of everyone and
 * contact details): only then may the package open its records. A salt would let the
 * recipient confirm a guessed name in any field the profile hid.
 */
export function profileOpensRecords(s: ProfileSettings, policy: NamePolicy): boolean {
  return s.contactDetails && !policy.replaces;
}

/** The latest of the first `size` custody entries about each record of the exported subjects. */
function latestAbout(
  db: ReadDb,
  subjects: ReadonlySet<string>,
  size: number,
): { kind: RecordKind; entry: EntryHead }[] {
  const latest = new Map<string, { kind: RecordKind; entry: EntryHead }>();
  for (const stored of iterateStoredEntries(db)) {
    if (stored.seq >= size) break;
    const entry = JSON.parse(stored.canonical) as EntryHead;
    const kind = recordKindOf(entry.action);
    // Keyed by subject: for a transcript that keeps the current revision only, the one whose text the package carries.
    if (kind !== undefined && entry.subject !== null && subjects.has(entry.subject))
      latest.set(`${kind.kind}:${entry.subject}`, { kind, entry });
  }
  return [...latest.values()].sort((a, b) => a.entry.seq - b.entry.seq);
}

/**
 * data/custody/records.jsonl: one line per exported record whose latest custody entry
 * commits to it with a salt, `{"kind", "record", "salt", "seq"}` in RFC 8785 form: the
 * record as that entry hashed it and the salt (hex), so the recipient can recompute
 * SHA-256(salt ‖ JCS(record)) and compare it with the `hash` of entry `seq`. Entries
 * written before salts, and earlier states (their salts are gone), are not opened.
 */
export function recordOpenings(
  db: ReadDb,
  subjects: ReadonlySet<string>,
  size: number,
): { jsonl: Buffer; count: number } {
  const lines: string[] = [];
  for (const { kind, entry } of latestAbout(db, subjects, size)) {
    if (entry.data.hashFormat !== SALTED_HASH_FORMAT) continue;
    const rowId = kind.rowOf(entry);
    const salt = rowId === null ? null : recordSalt(db, kind.table, rowId);
    if (rowId === null || salt === null) continue;
    // The record is written as the vault holds it now; a row changed outside Vigil then fails the recipient's check, as
    // it should.
    lines.push(
      canonicalJsonAsWritten({
        seq: entry.seq,
        kind: kind.kind,
        salt: salt.toString('hex'),
        record: kind.current(db, rowId),
      }),
    );
  }
  return { jsonl: Buffer.from(lines.map((l) => `${l}\n`).join('')), count: lines.length };
}

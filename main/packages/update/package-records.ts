/**
 * The records a package carries, read from its case.json and transcript JSON files: the case,
 * each person, item, event and request by its `id`, and each interview by the `interviewId`
 * of its transcript file. The same function serves the sender (over the files it is about to
 * write) and the receiver (over the files it read), so both hash the same values.
 */
import { recordHash, recordKey, type RecordHash, type RecordKind } from './record-set';

/** A record of a package: its kind, sender id, hash and the value it was hashed from. */
export interface PackageRecord extends RecordHash {
  record: unknown;
}

/** case.json's arrays that hold records with an `id`, by kind. */
const LISTS: [RecordKind, string][] = [
  ['person', 'people'],
  ['item', 'items'],
  ['event', 'events'],
  ['request', 'requests'],
];

function idOf(value: unknown, field = 'id'): string | null {
  if (value === null || typeof value !== 'object') return null;
  const id = (value as Record<string, unknown>)[field];
  return typeof id === 'string' && id !== '' ? id : null;
}

/** One record, or null when it has no id (a package from before ids were sent; it cannot be updated). */
function entry(kind: RecordKind, record: unknown, field = 'id'): PackageRecord | null {
  const id = idOf(record, field);
  return id === null ? null : { kind, id, hash: recordHash(record), record };
}

/**
 * The records of a package, keyed by "<kind> <id>". `caseJson` is case.json as parsed JSON and
 * `transcripts` the parsed transcript .json files; records without an id are left out.
 */
export function packageRecords(caseJson: unknown, transcripts: unknown[]): Map<string, PackageRecord> {
  const out = new Map<string, PackageRecord>();
  const add = (r: PackageRecord | null): void => {
    if (r !== null) out.set(recordKey(r.kind, r.id), r);
  };
  const json = (caseJson ?? {}) as Record<string, unknown>;
  add(entry('case', json.case));
  for (const [kind, list] of LISTS) {
    const values = json[list];
    if (Array.isArray(values)) for (const v of values) add(entry(kind, v));
  }
  for (const t of transcripts) add(entry('interview', t, 'interviewId'));
  return out;
}

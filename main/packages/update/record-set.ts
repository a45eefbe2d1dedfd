/**
 * The records a package hands over, each as a kind, the sender's id and the SHA-256 of its
 * canonical JSON as the package carries it (DESIGN §6, "Update packages"), and the hash of a
 * whole set. The sender computes them from what it writes into the package and the receiver
 * from what it reads, so the two agree on a state without sharing anything else.
 */
import { createHash } from 'node:crypto';

/** The kinds of record an update can add or change. */
const RECORD_KINDS = ['case', 'person', 'item', 'interview', 'event', 'request'] as const;
/** One of RECORD_KINDS. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One record as handed over: its sender's id and the hash of its canonical JSON. */
export interface RecordHash {
  kind: RecordKind;
  id: string;
  hash: string;
}

/** A value with every object's keys sorted, as JSON would carry it (undefined dropped). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** The canonical JSON text of a record: keys sorted at every level, no spaces. */
function canonicalJson(record: unknown): string {
  // The round trip makes the value what a reader of the package parses (dates as strings, no undefined).
  return JSON.stringify(canonical(JSON.parse(JSON.stringify(record)) as unknown));
}

/** The SHA-256 (hex) of a record's canonical JSON. */
export function recordHash(record: unknown): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/** The key of a record in a set: kind and sender id. */
export function recordKey(kind: RecordKind, id: string): string {
  return `${kind} ${id}`;
}

/**
 * The hash of a record set: SHA-256 of its lines "<kind> <id> <hash>\n" sorted by byte
 * value. The empty set has the hash of the empty string.
 */
export function recordSetHash(records: Iterable<RecordHash>): string {
  const lines = [...records].map((r) => `${r.kind} ${r.id} ${r.hash}\n`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** Whether `kind` is one of RECORD_KINDS. */
export function isRecordKind(kind: string): kind is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(kind);
}

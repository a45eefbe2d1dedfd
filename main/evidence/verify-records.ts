import { iterateStoredEntries } from '../custody/log-store';
import type { ReadDb } from '../vault/database';
import type { Finding } from '../vault/verify';
import { getCase } from './cases';
import { eventRecord } from './events';
import { getPerson } from './people';
import { recordHash } from './record-hash';
import { getRequest, requestRecord } from './requests';
import { getEvent } from './timeline';

/** Which custody actions carry the hash of a record's state, and how to rebuild that state from the database. */
const KINDS: { kind: string; actions: string[]; table: string; current: (db: ReadDb, id: string) => unknown }[] = [
  { kind: 'case', actions: ['case.created', 'case.updated'], table: 'cases', current: (db, id) => getCase(db, id) },
  { kind: 'person', actions: ['person.added', 'person.role_added', 'person.updated'], table: 'people', current: (db, id) => getPerson(db, id) },
  { kind: 'event', actions: ['event.added', 'event.updated'], table: 'events', current: (db, id) => eventRecord(getEvent(db, id)) },
  { kind: 'request', actions: ['request.added', 'request.answered'], table: 'requests', current: (db, id) => requestRecord(getRequest(db, id)) },
];

/**
 * Re-hashes every case, person, event and request and compares it with the
 * hash in the latest signed custody entry about it. The chain proves the
 * entries are authentic; this proves the rows are the state they signed:
 * an edit made outside Vigil, a deleted row or a row inserted without an
 * entry is reported.
 */
export function recordProblems(db: ReadDb): Finding[] {
  const latest = new Map<string, { seq: number; hash: string; kind: string }>();
  const kindOf = new Map(KINDS.flatMap((k) => k.actions.map((a) => [a, k.kind] as const)));
  for (const row of iterateStoredEntries(db)) {
    const entry = JSON.parse(row.canonical) as { seq: number; action: string; subject: string | null; hash: string | null };
    const kind = kindOf.get(entry.action);
    if (kind && entry.subject && entry.hash) latest.set(`${kind}:${entry.subject}`, { seq: entry.seq, hash: entry.hash, kind });
  }
  const findings: Finding[] = [];
  let checked = 0;
  for (const k of KINDS) {
    for (const id of db.prepare(`SELECT id FROM ${k.table}`).pluck().all() as string[]) {
      checked++;
      const signed = latest.get(`${k.kind}:${id}`);
      latest.delete(`${k.kind}:${id}`);
      if (!signed) findings.push({ check: 'record', ok: false, subject: `${k.kind} ${id}`, detail: 'no custody entry records this row: it was added outside Vigil' });
      else if (recordHash(k.current(db, id)) !== signed.hash) findings.push({ check: 'record', ok: false, subject: `${k.kind} ${id}`, detail: `the stored row differs from the state signed in custody entry ${signed.seq}: it was changed outside Vigil` });
    }
  }
  for (const [key, signed] of latest) findings.push({ check: 'record', ok: false, subject: key.replace(':', ' '), detail: `custody entry ${signed.seq} records this ${signed.kind}, but it is missing from the database` });
  if (findings.length === 0) findings.push({ check: 'record', ok: true, detail: `${checked} cases, people, events and requests re-hashed; each matches its latest signed custody entry` });
  return findings;
}

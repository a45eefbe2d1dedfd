// Test fixtures for the timeline tests: cases, people and items written with
// direct INSERTs inside vault.change, so these tests do not depend on the
// case and people services.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { PersonRole } from '../../../shared/domain';
import { readCustodyHead } from '../../../main/custody/log-store';
import { recordHash } from '../../../main/evidence/record-hash';
import type { Vault } from '../../../main/vault/vault';
import type { CustodyEntry } from '../../../main/custody';

/** A case with an optional reference; returns its id. */
export function seedCase(vault: Vault, reference: string | null = null): string {
  const id = randomUUID();
  const now = new Date().toISOString();
  vault.change((db) => {
    db.prepare('INSERT INTO cases (id, title, reference, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, 'Fictional case', reference, now, now);
    return { result: null, custody: { action: 'case.created', subject: id, hash: recordHash({ id }), data: {} } };
  });
  return id;
}

/** A person with a role in the case; returns their id. */
export function seedPerson(vault: Vault, caseId: string | null, role: PersonRole, code: string, name = `Name of ${code}`): string {
  const id = randomUUID();
  const now = new Date().toISOString();
  vault.change((db) => {
    db.prepare('INSERT INTO people (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, code, name, now, now);
    if (caseId) db.prepare('INSERT INTO case_people (case_id, person_id, role) VALUES (?, ?, ?)').run(caseId, id, role);
    return { result: null, custody: { action: 'person.added', subject: id, hash: recordHash({ id }), data: {} } };
  });
  return id;
}

/** An item holding a small stored object, attached to a case (or to none). */
export async function seedItem(vault: Vault, caseId: string | null, text = `letter ${randomUUID()}`): Promise<string> {
  const stored = await vault.blobs.put(Readable.from([Buffer.from(text)]));
  const id = randomUUID();
  const now = new Date().toISOString();
  vault.change((db) => {
    db.prepare('INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES (?, ?, ?, ?, ?)').run(stored.id, stored.sha256, stored.sha512, stored.size, now);
    db.prepare('INSERT INTO items (id, object_id, title, file_name, created_at, created_by, case_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, stored.id, 'Letter', 'letter.txt', now, vault.member.id, caseId);
    return { result: null, custody: { action: 'item.ingested', subject: id, hash: stored.sha256, data: { object: stored.id, size: stored.size } } };
  });
  return id;
}

/** The number of custody entries so far. */
export function custodySize(vault: Vault): number {
  return readCustodyHead(vault.db).size;
}

/** The custody entries from `fromSeq` on, parsed. */
export function entriesSince(vault: Vault, fromSeq: number): CustodyEntry[] {
  const rows = vault.db.prepare('SELECT entry FROM custody_log WHERE seq >= ? ORDER BY seq').pluck().all(fromSeq) as string[];
  return rows.map((r) => JSON.parse(r) as CustodyEntry);
}

/** The search index row of one record, or undefined. */
export function searchRow(vault: Vault, kind: string, refId: string): { case_id: string | null; person_ids: string; date: string | null; title: string; body: string } | undefined {
  return vault.db.prepare('SELECT case_id, person_ids, date, title, body FROM search_index WHERE kind = ? AND ref_id = ?').get(kind, refId) as
    | { case_id: string | null; person_ids: string; date: string | null; title: string; body: string }
    | undefined;
}

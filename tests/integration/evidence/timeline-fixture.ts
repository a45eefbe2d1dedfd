// Test fixtures for the timeline tests: cases and people through their services,
// items with a stored object and a direct INSERT (the item ingest is tested on its own).
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { PersonRole } from '../../../shared/domain';
import { readCustodyHead } from '../../../main/custody/log-store';
import { createCase } from '../../../main/evidence/cases';
import { addPerson } from '../../../main/evidence/people';
import type { Vault } from '../../../main/vault/vault';
import type { CustodyEntry } from '../../../main/custody';

/** A case with an optional reference, made by the case service; returns its id. */
export function seedCase(vault: Vault, reference: string | null = null): string {
  return createCase(vault, { title: 'Fictional case', ...(reference ? { reference } : {}) }).id;
}

/**
 * A person with a role in the case, made by the people service; returns their id.
 * With no case, the person gets their role in a separate case of their own.
 */
export function seedPerson(
  vault: Vault,
  caseId: string | null,
  role: PersonRole,
  code: string,
  name = `Name of ${code}`,
): string {
  return addPerson(vault, { caseId: caseId ?? seedCase(vault), role, name, code }).id;
}

/** An item holding a small stored object, attached to a case (or to none). */
export async function seedItem(vault: Vault, caseId: string | null, text = `letter ${randomUUID()}`): Promise<string> {
  const stored = await vault.blobs.put(Readable.from([Buffer.from(text)]));
  const id = randomUUID();
  const now = new Date().toISOString();
  vault.change((db) => {
    db.prepare('INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES (?, ?, ?, ?, ?)').run(
      stored.id,
      stored.sha256,
      stored.sha512,
      stored.size,
      now,
    );
    db.prepare(
      'INSERT INTO items (id, object_id, title, file_name, created_at, created_by, case_id) VALUES (?, ?, ?, ' +
        '?, ?, ?, ?)',
    ).run(id, stored.id, 'Letter', 'letter.txt', now, vault.member.id, caseId);
    return {
      result: null,
      custody: {
        action: 'item.ingested',
        subject: id,
        hash: stored.sha256,
        data: { object: stored.id, size: stored.size },
      },
    };
  });
  return id;
}

/** The number of custody entries so far. */
export function custodySize(vault: Vault): number {
  return readCustodyHead(vault.db).size;
}

/** The custody entries from `fromSeq` on, parsed. */
export function entriesSince(vault: Vault, fromSeq: number): CustodyEntry[] {
  const rows = vault.db
    .prepare('SELECT entry FROM custody_log WHERE seq >= ? ORDER BY seq')
    .pluck()
    .all(fromSeq) as string[];
  return rows.map((r) => JSON.parse(r) as CustodyEntry);
}

/** The search index row of one record, or undefined. */
export function searchRow(
  vault: Vault,
  kind: string,
  refId: string,
): { case_id: string | null; person_ids: string; date: string | null; title: string; body: string } | undefined {
  return vault.db
    .prepare('SELECT case_id, person_ids, date, title, body FROM search_index WHERE kind = ? AND ref_id = ?')
    .get(kind, refId) as
    { case_id: string | null; person_ids: string; date: string | null; title: string; body: string } | undefined;
}

// Test records for search: direct INSERTs inside vault.change (the evidence services are
// written in parallel), indexed the way the services do it, through searchDocsFor.
import { randomUUID } from 'node:crypto';
import type { CustodyAction } from '../../../../shared/custody-actions';
import { recordHash } from '../../../../main/evidence/record-hash';
import { searchDocsFor, transcriptSearchDocs } from '../../../../main/evidence/search/docs';
import { indexDoc, removeDocs } from '../../../../main/evidence/search/index-store';
import type { SearchDoc } from '../../../../main/evidence/search/search-doc';
import type { Db } from '../../../../main/vault/database';
import type { Vault } from '../../../../main/vault/vault';

const NOW = '2026-01-01T00:00:00.000Z';
// Not of the vocabulary on purpose: these rows are no records the vault's checks would rehash.
const FIXTURE_ACTION = 'test.fixture' as CustodyAction;

function write(vault: Vault, id: string, fn: (db: Db) => void): string {
  vault.change((db) => {
    fn(db);
    return { result: null, custody: { action: FIXTURE_ACTION, subject: id, hash: recordHash({ id }), data: {} } };
  });
  return id;
}

function reindex(db: Db, kind: SearchDoc['kind'], id: string): void {
  for (const doc of searchDocsFor(db, kind, [id])) indexDoc(db, doc);
}

/** A case. */
export function addCase(vault: Vault, c: { title: string; reference?: string; summary?: string }): string {
  const id = randomUUID();
  return write(vault, id, (db) => {
    db.prepare(
      'INSERT INTO cases (id, title, reference, summary, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, c.title, c.reference ?? null, c.summary ?? '', NOW, NOW);
    reindex(db, 'case', id);
  });
}

/** A person in a case; protected (consent_named = 0) unless `named`. */
export function addPerson(
  vault: Vault,
  p: { caseId: string; code: string; name: string; aliases?: string[]; named?: boolean; role?: string },
): string {
  const id = randomUUID();
  return write(vault, id, (db) => {
    db.prepare(
      'INSERT INTO people (id, code, name, aliases, consent_named, created_at, updated_at) VALUES (?, ?, ?, ?, ' +
        '?, ?, ?)',
    ).run(id, p.code, p.name, JSON.stringify(p.aliases ?? []), p.named ? 1 : 0, NOW, NOW);
    db.prepare('INSERT INTO case_people (case_id, person_id, role) VALUES (?, ?, ?)').run(
      p.caseId,
      id,
      p.role ?? 'witness',
    );
    reindex(db, 'person', id);
  });
}

/** An interview with no transcript yet. */
export function addInterview(vault: Vault, i: { caseId: string; personId: string; date?: string }): string {
  const id = randomUUID();
  return write(vault, id, (db) => {
    db.prepare(
      'INSERT INTO interviews (id, case_id, interviewee_id, interviewer_id, date, created_at) VALUES (?, ?, ?, ' +
        '?, ?, ?)',
    ).run(id, i.caseId, i.personId, vault.member.id, i.date ?? null, NOW);
    reindex(db, 'interview', id);
  });
}

/** A new transcript revision: the previous revision's segments leave the index, the new ones enter it. */
export function addTranscript(
  vault: Vault,
  interviewId: string,
  segments: { speaker?: string; text: string; startMs?: number }[],
): string {
  const id = randomUUID();
  return write(vault, id, (db) => {
    const prev = db
      .prepare('SELECT id, revision FROM transcript_revisions WHERE interview_id = ? ORDER BY revision DESC LIMIT 1')
      .get(interviewId) as { id: string; revision: number } | undefined;
    db.prepare(
      'INSERT INTO transcript_revisions (id, interview_id, revision, sha256, created_at, created_by) VALUES ' +
        '(?, ?, ?, ?, ?, ?)',
    ).run(id, interviewId, (prev?.revision ?? 0) + 1, '0'.repeat(64), NOW, vault.member.id);
    segments.forEach((s, position) => {
      db.prepare(
        'INSERT INTO transcript_segments (revision_id, position, speaker, start_ms, text) VALUES (?, ?, ?, ?, ?)',
      ).run(id, position, s.speaker ?? '', s.startMs ?? null, s.text);
    });
    if (prev) {
      const positions = db
        .prepare('SELECT position FROM transcript_segments WHERE revision_id = ?')
        .pluck()
        .all(prev.id) as number[];
      removeDocs(
        db,
        'segment',
        positions.map((p) => `${prev.id}:${p}`),
      );
    }
    for (const doc of transcriptSearchDocs(db, id)) indexDoc(db, doc);
  });
}

/** An item with extracted text (its object row is a stand-in: search never reads the bytes). */
export function addItem(
  vault: Vault,
  i: { caseId: string | null; title: string; text: string; date?: string; sourcePersonId?: string },
): string {
  const id = randomUUID();
  return write(vault, id, (db) => {
    const objectId = randomUUID();
    db.prepare('INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES (?, ?, ?, ?, ?)').run(
      objectId,
      recordHash({ objectId }),
      'f'.repeat(128),
      1,
      NOW,
    );
    db.prepare(
      `INSERT INTO items (id, object_id, title, file_name, created_at, created_by, case_id, kind, doc_date, source_person_id, extraction_status, extracted_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'letter', ?, ?, 'ok', ?)`,
    ).run(
      id,
      objectId,
      i.title,
      'scan.pdf',
      NOW,
      vault.member.id,
      i.caseId,
      i.date ?? null,
      i.sourcePersonId ?? null,
      i.text,
    );
    reindex(db, 'item', id);
  });
}

/** A timeline event. */
export function addEvent(
  vault: Vault,
  e: { caseId: string; personId: string; type: string; date: string; description: string },
): string {
  const id = randomUUID();
  return write(vault, id, (db) => {
    db.prepare(
      'INSERT INTO events (id, case_id, person_id, type, date, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, e.caseId, e.personId, e.type, e.date, e.description, NOW);
    reindex(db, 'event', id);
  });
}

/** A request in the register. */
export function addRequest(
  vault: Vault,
  r: { caseId: string; personId: string; date: string; recipient: string; about: string },
): string {
  const id = randomUUID();
  return write(vault, id, (db) => {
    db.prepare(
      'INSERT INTO requests (id, case_id, person_id, date, recipient, about, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, r.caseId, r.personId, r.date, r.recipient, r.about, NOW);
    reindex(db, 'request', id);
  });
}

/** Moves an item to another case (or none) and re-indexes it. */
export function moveItem(vault: Vault, itemId: string, caseId: string | null): void {
  write(vault, itemId, (db) => {
    db.prepare('UPDATE items SET case_id = ? WHERE id = ?').run(caseId, itemId);
    reindex(db, 'item', itemId);
  });
}

/**
 * A small world: two cases, a protected and a named person, an interview with two transcript revisions, items, an
 * event, a request.
 */
export function buildWorld(vault: Vault) {
  const caseA = addCase(vault, {
    title: 'Detention of a journalist',
    reference: 'UA-1',
    summary: 'Held incommunicado since the arrest.',
  });
  const caseB = addCase(vault, { title: 'Second case', reference: 'UA-2' });
  const ivan = addPerson(vault, {
    caseId: caseA,
    code: 'W-014',
    name: 'Ivan Petrov',
    aliases: ['Vanya'],
    role: 'detainee',
  });
  const maria = addPerson(vault, { caseId: caseA, code: 'L-001', name: 'Maria Sokolova', named: true, role: 'lawyer' });
  const interview = addInterview(vault, { caseId: caseA, personId: ivan, date: '2024-03-05' });
  addTranscript(vault, interview, [{ speaker: 'Interviewer', text: 'An early draft mentioning zanzibar.' }]);
  const revision = addTranscript(vault, interview, [
    { speaker: 'Interviewer', text: 'When did the letter arrive?', startMs: 0 },
    {
      speaker: 'Ivan Petrov',
      text: 'The letter from the colony came forty days late; Maria Sokolova saw it.',
      startMs: 15_000,
    },
  ]);
  const itemA = addItem(vault, {
    caseId: caseA,
    title: 'Letter from IK-6',
    text: 'Official reply about the transfer.',
    date: '2024-03',
    sourcePersonId: ivan,
  });
  const itemB = addItem(vault, {
    caseId: caseB,
    title: 'Photo of an envelope',
    text: 'A letter envelope lying in the snow.',
    date: '2023',
  });
  const event = addEvent(vault, {
    caseId: caseA,
    personId: ivan,
    type: 'transfer',
    date: '2024-02-10',
    description: 'Moved to IK-6 without notice.',
  });
  const request = addRequest(vault, {
    caseId: caseA,
    personId: ivan,
    date: '2024-01-15',
    recipient: 'FSIN',
    about: 'Where is Ivan Petrov held?',
  });
  return { caseA, caseB, ivan, maria, interview, revision, itemA, itemB, event, request };
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PERSON_ROLES, personFieldSchemas, type PersonRole } from '../../shared/domain';
import { VigilError } from '../../shared/errors';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { commitRecord } from './record-commit';
import { indexRecord } from './search/reindex';
import { definedOnly, parseInput } from './validate';

/** Consent a person gave: whether they may be named, and with which bodies the material may be shared. */
interface Consent {
  named: boolean;
  shareWith: string[];
  date: string | null;
  method: string | null;
}

/** A person with their protective code, sensitive fields and roles. */
export interface PersonRow {
  id: string;
  code: string;
  name: string;
  aliases: string[];
  contact: string;
  notes: string;
  consent: Consent;
  roles: { caseId: string; role: PersonRole }[];
  createdAt: string;
  updatedAt: string;
}

/** The first letter of a generated code, by role: W-014 is a witness. */
const CODE_PREFIX: Record<PersonRole, string> = {
  detainee: 'D',
  witness: 'W',
  relative: 'R',
  lawyer: 'L',
  official: 'O',
  perpetrator: 'P',
  other: 'X',
};

const newPersonSchema = z
  .object({ caseId: z.string().min(1), role: z.enum(PERSON_ROLES), ...personFieldSchemas })
  .partial({ code: true, aliases: true, contact: true, notes: true, consent: true })
  .strict();
const personChangesSchema = z.object(personFieldSchemas).partial().strict();

/** Adds a person to a case in a role, with a generated code unless one is given; custody `person.added`. */
export function addPerson(vault: Vault, input: z.input<typeof newPersonSchema>): PersonRow {
  const data = parseInput(newPersonSchema, input);
  return vault.change((db) => {
    assertCaseExists(db, data.caseId);
    const code = data.code ? normalizeCode(data.code) : nextCode(db, data.role);
    assertCodeFree(db, code, null);
    const now = new Date().toISOString();
    const consent: Consent = {
      named: false,
      shareWith: [],
      date: null,
      method: null,
      ...definedOnly(data.consent ?? {}),
    };
    const id = randomUUID();
    db.prepare(
      `INSERT INTO people (id, code, name, aliases, contact, notes, consent_named, consent_share_with, consent_date, consent_method, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      code,
      data.name,
      JSON.stringify(data.aliases ?? []),
      data.contact ?? '',
      data.notes ?? '',
      consent.named ? 1 : 0,
      JSON.stringify(consent.shareWith),
      consent.date,
      consent.method,
      now,
      now,
    );
    db.prepare('INSERT INTO case_people (case_id, person_id, role) VALUES (?, ?, ?)').run(data.caseId, id, data.role);
    const row = getPerson(db, id);
    indexRecord(db, 'person', row.id);
    return {
      result: row,
      custody: {
        action: 'person.added',
        subject: id,
        ...commitRecord(db, 'people', id, row, { caseId: data.caseId, role: data.role, code }),
      },
    };
  }).result;
}

/** Gives a person (another) role in a case; custody `person.role_added`. */
export function addRole(vault: Vault, personId: string, caseId: string, role: PersonRole): PersonRow {
  if (!PERSON_ROLES.includes(role))
    throw new VigilError('INVALID_INPUT', `Unknown role "${role}". Use one of: ${PERSON_ROLES.join(', ')}.`);
  return vault.change((db) => {
    assertCaseExists(db, caseId);
    getPerson(db, personId);
    const added = db
      .prepare('INSERT OR IGNORE INTO case_people (case_id, person_id, role) VALUES (?, ?, ?)')
      .run(caseId, personId, role).changes;
    if (added === 0) throw new VigilError('INVALID_INPUT', 'The person already has this role in this case.');
    const row = getPerson(db, personId);
    indexRecord(db, 'person', row.id);
    return {
      result: row,
      custody: {
        action: 'person.role_added',
        subject: personId,
        ...commitRecord(db, 'people', personId, row, { caseId, role }),
      },
    };
  }).result;
}

/** Changes a person's code, name, aliases, contact, notes or consent; custody `person.updated` names the fields. */
export function updatePerson(vault: Vault, id: string, input: z.input<typeof personChangesSchema>): PersonRow {
  const changes = definedOnly(parseInput(personChangesSchema, input));
  return vault.change((db) => {
    const before = getPerson(db, id);
    const after: PersonRow = {
      ...before,
      ...changes,
      code: changes.code ? normalizeCode(changes.code) : before.code,
      consent: { ...before.consent, ...definedOnly(changes.consent ?? {}) },
    };
    const fields = (['code', 'name', 'aliases', 'contact', 'notes', 'consent'] as const).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    if (fields.length === 0)
      throw new VigilError('INVALID_INPUT', 'Nothing to change: the person already has these values.');
    if (fields.includes('code')) assertCodeFree(db, after.code, id);
    const c = after.consent;
    db.prepare(
      `UPDATE people SET code = ?, name = ?, aliases = ?, contact = ?, notes = ?, consent_named = ?, ` +
        `consent_share_with = ?, consent_date = ?, consent_method = ?, updated_at = ? WHERE id = ?`,
    ).run(
      after.code,
      after.name,
      JSON.stringify(after.aliases),
      after.contact,
      after.notes,
      c.named ? 1 : 0,
      JSON.stringify(c.shareWith),
      c.date,
      c.method,
      new Date().toISOString(),
      id,
    );
    const row = getPerson(db, id);
    indexRecord(db, 'person', row.id);
    return {
      result: row,
      custody: { action: 'person.updated', subject: id, ...commitRecord(db, 'people', id, row, { fields }) },
    };
  }).result;
}

interface PersonDbRow {
  id: string;
  code: string;
  name: string;
  aliases: string;
  contact: string;
  notes: string;
  consent_named: number;
  consent_share_with: string;
  consent_date: string | null;
  consent_method: string | null;
  created_at: string;
  updated_at: string;
}

function fromDb(db: ReadDb, r: PersonDbRow): PersonRow {
  const roles = db
    .prepare('SELECT case_id AS caseId, role FROM case_people WHERE person_id = ? ORDER BY case_id, role')
    .all(r.id) as PersonRow['roles'];
  const consent: Consent = {
    named: r.consent_named === 1,
    shareWith: JSON.parse(r.consent_share_with) as string[],
    date: r.consent_date,
    method: r.consent_method,
  };
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    aliases: JSON.parse(r.aliases) as string[],
    contact: r.contact,
    notes: r.notes,
    consent,
    roles,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** One person by id; NOT_FOUND otherwise. */
export function getPerson(db: ReadDb, id: string): PersonRow {
  const row = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonDbRow | undefined;
  if (!row) throw new VigilError('NOT_FOUND', `No person with id "${id}".`);
  return fromDb(db, row);
}

/** People, ordered by code; only those with a role in `caseId` when given. */
export function listPeople(db: ReadDb, filter: { caseId?: string } = {}): PersonRow[] {
  const rows = filter.caseId
    ? (db
        .prepare(
          'SELECT p.* FROM people p WHERE p.id IN (SELECT person_id FROM case_people WHERE case_id = ?) ORDER ' +
            'BY p.code',
        )
        .all(filter.caseId) as PersonDbRow[])
    : (db.prepare('SELECT * FROM people ORDER BY code').all() as PersonDbRow[]);
  return rows.map((r) => fromDb(db, r));
}

/** What may be shown where names would leak: the code, and the name only with consent (or when asked to reveal). */
export function displayName(person: Pick<PersonRow, 'code' | 'name' | 'consent'>, reveal = false): string {
  return reveal || person.consent.named ? `${person.name} (${person.code})` : person.code;
}

function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The next free code for a role: the prefix letter and one more than the highest number in use. */
function nextCode(db: ReadDb, role: PersonRole): string {
  const prefix = CODE_PREFIX[role];
  const codes = db.prepare("SELECT code FROM people WHERE code LIKE ? || '-%'").pluck().all(prefix) as string[];
  const highest = codes.reduce((max, c) => Math.max(max, Number(c.split('-')[1]) || 0), 0);
  return `${prefix}-${String(highest + 1).padStart(3, '0')}`;
}

function assertCodeFree(db: ReadDb, code: string, selfId: string | null): void {
  const other = db
    .prepare('SELECT id FROM people WHERE code = ? COLLATE NOCASE AND id IS NOT ?')
    .pluck()
    .get(code, selfId);
  if (other)
    throw new VigilError(
      'INVALID_INPUT',
      `The code ${code} is already used by another person. Choose another or leave it out to get the next free one.`,
    );
}

function assertCaseExists(db: ReadDb, caseId: string): void {
  if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId))
    throw new VigilError('NOT_FOUND', `No case with id "${caseId}".`);
}

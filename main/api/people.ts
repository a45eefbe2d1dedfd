/** What the people channels answer: a list that hides protected names, the full record, a revealed name. */
import type { ReqParsed, Res } from '../../shared/contract';
import { addPerson, addRole, getPerson, listPeople, updatePerson, type PersonRow } from '../evidence/people';
import { definedOnly } from '../evidence/validate';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';

/**
 * A person as lists show them: the name only with consent to be named, no aliases or contact
 * details (the same rule as the CLI's `person list` without --reveal-names), the roles in `caseId`.
 */
export function personEntry(p: PersonRow, caseId: string): Res<'people:list'>[number] {
  return {
    id: p.id,
    code: p.code,
    name: p.consent.named ? p.name : null,
    consent: p.consent,
    roles: p.roles.filter((r) => r.caseId === caseId).map((r) => r.role),
    updatedAt: p.updatedAt,
  };
}

/** people:list — the people of a case, protected names left out. */
export function peopleList(db: ReadDb, req: ReqParsed<'people:list'>): Res<'people:list'> {
  return listPeople(db, { caseId: req.caseId }).map((p) => personEntry(p, req.caseId));
}

/** people:get — one person's full record. */
export function peopleGet(db: ReadDb, req: ReqParsed<'people:get'>): Res<'people:get'> {
  return getPerson(db, req.id);
}

/**
 * people:reveal — a person's name and aliases. The core records no custody entry for reading a name (there is no
 * such action), so the window keeps a revealed name in memory only, never in its query cache.
 */
export function peopleReveal(db: ReadDb, req: ReqParsed<'people:reveal'>): Res<'people:reveal'> {
  const p = getPerson(db, req.id);
  return { id: p.id, code: p.code, name: p.name, aliases: p.aliases };
}

/** people:add — a new person in a case, in a role. */
export function peopleAdd(vault: Vault, req: ReqParsed<'people:add'>): Res<'people:add'> {
  return addPerson(vault, definedOnly(req) as typeof req);
}

/** people:update — changes to a person. */
export function peopleUpdate(vault: Vault, req: ReqParsed<'people:update'>): Res<'people:update'> {
  return updatePerson(vault, req.id, definedOnly(req.changes));
}

/** people:add-role — a person's role in a case. */
export function peopleAddRole(vault: Vault, req: ReqParsed<'people:add-role'>): Res<'people:add-role'> {
  return addRole(vault, req.personId, req.caseId, req.role);
}

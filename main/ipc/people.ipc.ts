/** Handlers of the people area: each maps one channel to one core call. */
import type { PEOPLE_CHANNELS } from '../../shared/areas/people.channels';
import type { Res } from '../../shared/contract';
import { addPerson, addRole, getPerson, listPeople, updatePerson, type PersonRow } from '../evidence/people';
import { definedOnly } from '../evidence/validate';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

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

/** The people area's handlers. */
export function peopleHandlers(s: AppServices): { [C in (typeof PEOPLE_CHANNELS)[number]]: Handler<C> } {
  return {
    'people:list': async (req) =>
      listPeople(s.session.requireVault().db, { caseId: req.caseId }).map((p) => personEntry(p, req.caseId)),
    'people:get': async (req) => getPerson(s.session.requireVault().db, req.id),
    // The core records no custody entry for reading a name (there is no such action), so the
    // window keeps a revealed name in memory only, never in its query cache.
    'people:reveal': async (req) => {
      const p = getPerson(s.session.requireVault().db, req.id);
      return { id: p.id, code: p.code, name: p.name, aliases: p.aliases };
    },
    'people:add': async (req) => addPerson(s.session.requireVault(), definedOnly(req) as typeof req),
    'people:update': async (req) => updatePerson(s.session.requireVault(), req.id, definedOnly(req.changes)),
    'people:add-role': async (req) => addRole(s.session.requireVault(), req.personId, req.caseId, req.role),
  };
}

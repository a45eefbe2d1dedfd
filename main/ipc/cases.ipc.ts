/** Handlers of the cases area: each maps one channel to one core call. */
import type { CASES_CHANNELS } from '../../shared/areas/cases.channels';
import { caseCounts, createCase, getCase, listCases, updateCase } from '../evidence/cases';
import { definedOnly } from '../evidence/validate';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The cases area's handlers. */
export function casesHandlers(s: AppServices): { [C in (typeof CASES_CHANNELS)[number]]: Handler<C> } {
  return {
    'cases:list': async (req) => listCases(s.session.requireVault().db, definedOnly(req)),
    'cases:get': async (req) => {
      const db = s.session.requireVault().db;
      const row = getCase(db, req.id);
      return { ...row, counts: caseCounts(db, row.id) };
    },
    'cases:create': async (req) => createCase(s.session.requireVault(), req),
    'cases:update': async (req) => updateCase(s.session.requireVault(), req.id, definedOnly(req.changes)),
  };
}

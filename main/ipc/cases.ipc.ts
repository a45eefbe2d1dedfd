/** Handlers of the cases area: each channel mapped to its function in main/api/cases.ts. */
import type { CASES_CHANNELS } from '../../shared/areas/cases.channels';
import { casesCreate, casesGet, casesList, casesOverview, casesProvenance, casesUpdate } from '../api/cases';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The cases area's handlers. */
export function casesHandlers(s: AppServices): { [C in (typeof CASES_CHANNELS)[number]]: Handler<C> } {
  const db = () => s.session.requireVault().db;
  const vault = () => s.session.requireVault();
  return {
    'cases:list': async (req) => casesList(db(), req),
    'cases:get': async (req) => casesGet(db(), req),
    'cases:create': async (req) => casesCreate(vault(), req),
    'cases:update': async (req) => casesUpdate(vault(), req),
    'cases:overview': async (req) => casesOverview(db(), req),
    'cases:provenance': async (req) => casesProvenance(db(), req),
  };
}

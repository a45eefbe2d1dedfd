/** Handlers of the people area: each channel mapped to its function in main/api/people.ts. */
import type { PEOPLE_CHANNELS } from '../../shared/areas/people.channels';
import { peopleAdd, peopleAddRole, peopleGet, peopleList, peopleReveal, peopleUpdate } from '../api/people';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The people area's handlers. */
export function peopleHandlers(s: AppServices): { [C in (typeof PEOPLE_CHANNELS)[number]]: Handler<C> } {
  const db = () => s.session.requireVault().db;
  const vault = () => s.session.requireVault();
  return {
    'people:list': async (req) => peopleList(db(), req),
    'people:get': async (req) => peopleGet(db(), req),
    'people:reveal': async (req) => peopleReveal(db(), req),
    'people:add': async (req) => peopleAdd(vault(), req),
    'people:update': async (req) => peopleUpdate(vault(), req),
    'people:add-role': async (req) => peopleAddRole(vault(), req),
  };
}

/** Handlers of the requests area: each channel mapped to its function in main/api/requests.ts. */
import type { REQUESTS_CHANNELS } from '../../shared/areas/requests.channels';
import { requestsAdd, requestsAnswer, requestsList } from '../api/requests';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The requests area's handlers. */
export function requestsHandlers(s: AppServices): { [C in (typeof REQUESTS_CHANNELS)[number]]: Handler<C> } {
  return {
    'requests:list': async (req) => requestsList(s.session.requireVault().db, req),
    'requests:add': async (req) => requestsAdd(s.session.requireVault(), req),
    'requests:answer': async (req) => requestsAnswer(s.session.requireVault(), req),
  };
}

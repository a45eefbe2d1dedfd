/** Handlers of the requests area: each maps one channel to one core call (the CLI's `request` commands). */
import type { REQUESTS_CHANNELS } from '../../shared/areas/requests.channels';
import { addRequest, answerRequest, listRequests } from '../evidence/requests';
import { definedOnly } from '../evidence/validate';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The requests area's handlers. */
export function requestsHandlers(s: AppServices): { [C in (typeof REQUESTS_CHANNELS)[number]]: Handler<C> } {
  return {
    'requests:list': async (req) => listRequests(s.session.requireVault().db, req.caseId),
    'requests:add': async (req) => addRequest(s.session.requireVault(), definedOnly(req) as typeof req),
    'requests:answer': async (req) => {
      const { id, ...answer } = req;
      return answerRequest(s.session.requireVault(), id, definedOnly(answer) as typeof answer);
    },
  };
}

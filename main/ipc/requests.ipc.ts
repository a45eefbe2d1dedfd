/** Handlers of the requests area: each maps one channel to one core call. */
import type { REQUESTS_CHANNELS } from '../../shared/areas/requests.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The requests area's handlers. */
export function requestsHandlers(_s: AppServices): { [C in (typeof REQUESTS_CHANNELS)[number]]: Handler<C> } {
  return {};
}

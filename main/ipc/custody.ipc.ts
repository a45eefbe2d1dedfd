/** Handlers of the custody area: each maps one channel to one core call. */
import type { CUSTODY_CHANNELS } from '../../shared/areas/custody.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The custody area's handlers. */
export function custodyHandlers(_s: AppServices): { [C in (typeof CUSTODY_CHANNELS)[number]]: Handler<C> } {
  return {};
}

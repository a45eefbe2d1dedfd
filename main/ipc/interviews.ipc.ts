/** Handlers of the interviews area: each maps one channel to one core call. */
import type { INTERVIEWS_CHANNELS } from '../../shared/areas/interviews.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The interviews area's handlers. */
export function interviewsHandlers(_s: AppServices): { [C in (typeof INTERVIEWS_CHANNELS)[number]]: Handler<C> } {
  return {};
}

/** Handlers of the packages area: each maps one channel to one core call. */
import type { PACKAGES_CHANNELS } from '../../shared/areas/packages.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The packages area's handlers. */
export function packagesHandlers(_s: AppServices): { [C in (typeof PACKAGES_CHANNELS)[number]]: Handler<C> } {
  return {};
}

/** Handlers of the items area: each maps one channel to one core call. */
import type { ITEMS_CHANNELS } from '../../shared/areas/items.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The items area's handlers. */
export function itemsHandlers(_s: AppServices): { [C in (typeof ITEMS_CHANNELS)[number]]: Handler<C> } {
  return {};
}

/** Handlers of the settings area: each maps one channel to one core call. */
import type { SETTINGS_CHANNELS } from '../../shared/areas/settings.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The settings area's handlers. */
export function settingsHandlers(_s: AppServices): { [C in (typeof SETTINGS_CHANNELS)[number]]: Handler<C> } {
  return {};
}

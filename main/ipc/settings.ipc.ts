/** Handlers of the settings area: each channel mapped to its function in main/api/settings.ts. */
import type { SETTINGS_CHANNELS } from '../../shared/areas/settings.channels';
import {
  settingsChangePassphrase,
  settingsGet,
  settingsMemberAdd,
  settingsMemberRemove,
  settingsMembers,
  settingsRecipientAdd,
  settingsRecipientRemove,
  settingsRecipients,
  settingsReplaceRecoveryCode,
  settingsUpdate,
} from '../api/settings';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The settings area's handlers. */
export function settingsHandlers(s: AppServices): { [C in (typeof SETTINGS_CHANNELS)[number]]: Handler<C> } {
  const kdf = (): { kdf?: NonNullable<AppServices['session']['kdf']> } => (s.session.kdf ? { kdf: s.session.kdf } : {});
  const vault = () => s.session.requireVault();
  return {
    'settings:get': async () => settingsGet(s.settings),
    'settings:update': async (req) => settingsUpdate(s.settings, req),
    'settings:members': async () => {
      const v = vault();
      return settingsMembers(v.db, v.member.id);
    },
    'settings:member-add': async (req) => settingsMemberAdd(vault(), req, kdf()),
    'settings:member-remove': async (req) => settingsMemberRemove(vault(), req),
    'settings:change-passphrase': async (req) => settingsChangePassphrase(vault(), req, kdf()),
    'settings:replace-recovery-code': async (req) => settingsReplaceRecoveryCode(vault(), req, kdf()),
    'settings:recipients': async () => settingsRecipients(vault().db),
    'settings:recipient-add': async (req) => settingsRecipientAdd(vault(), req),
    'settings:recipient-remove': async (req) => settingsRecipientRemove(vault(), req),
  };
}

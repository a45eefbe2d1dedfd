/** Handlers of the settings area: each maps one channel to one core call. */
import type { SETTINGS_CHANNELS } from '../../shared/areas/settings.channels';
import { addRecipient, removeRecipient } from '../packages/recipients';
import { definedOnly } from '../evidence/validate';
import { memberFingerprint, memberViews, recipientView, recipientViews } from '../api/settings-views';
import { addMember, changePassphrase, removeMember, replaceRecoveryCode } from '../vault/passphrases';
import type { InterfaceSettings } from '../../shared/areas/settings.contract';
import type { AppSettings } from '../settings/settings-store';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The settings the window may see: everything but the remembered vault folder (it gets a grant for that instead). */
function interfaceSettings({ autoLockMinutes, language }: AppSettings): InterfaceSettings {
  return { autoLockMinutes, language };
}

/** The settings area's handlers. */
export function settingsHandlers(s: AppServices): { [C in (typeof SETTINGS_CHANNELS)[number]]: Handler<C> } {
  const kdf = (): { kdf?: NonNullable<AppServices['session']['kdf']> } => (s.session.kdf ? { kdf: s.session.kdf } : {});
  return {
    'settings:get': async () => interfaceSettings(s.settings.current()),
    'settings:update': async (req) => interfaceSettings(await s.settings.update(definedOnly(req))),
    'settings:members': async () => {
      const vault = s.session.requireVault();
      return memberViews(vault.db, vault.member.id);
    },
    'settings:member-add': async (req) => {
      const added = await addMember(s.session.requireVault(), req.name, req.passphrase, {
        ...kdf(),
        currentSecret: req.currentPassphrase,
      });
      return { id: added.id, fingerprint: memberFingerprint(added.publicKeyHex) };
    },
    'settings:member-remove': async (req) => removeMember(s.session.requireVault(), req.memberId),
    'settings:change-passphrase': async (req) => {
      const vault = s.session.requireVault();
      const { rotated } = await changePassphrase(vault, req.next, { ...kdf(), currentSecret: req.current });
      return { rotated, needsNewPassphrase: vault.needsNewPassphrase };
    },
    'settings:replace-recovery-code': async (req) =>
      replaceRecoveryCode(s.session.requireVault(), { ...kdf(), currentSecret: req.currentPassphrase }),
    'settings:recipients': async () => recipientViews(s.session.requireVault().db),
    'settings:recipient-add': async (req) => {
      const { notes, ...rest } = req;
      return recipientView(addRecipient(s.session.requireVault(), notes === undefined ? rest : { ...rest, notes }));
    },
    'settings:recipient-remove': async (req) => {
      removeRecipient(s.session.requireVault(), req.id);
      return {};
    },
  };
}

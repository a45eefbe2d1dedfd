/** Handlers of the vault area: the session's life cycle (the session and grants are this layer's), the status from main/api. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { VAULT_CHANNELS } from '../../shared/areas/vault.channels';
import { vaultStatus } from '../api/vault';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The vault area's handlers. */
export function vaultHandlers(s: AppServices): { [C in (typeof VAULT_CHANNELS)[number]]: Handler<C> } {
  // Remembered only after it opened, so the next start can offer it; a failed write of the settings loses nothing else.
  const remember = (dir: string): Promise<unknown> => s.settings.update({ lastVaultDir: dir }).catch(() => undefined);
  return {
    'vault:state': async () => s.session.state(),
    'vault:create': async (req) =>
      s.grants.use(req.folder, 'folder', async (dir) => {
        const created = await s.session.create(dir, req.memberName, req.passphrase);
        await remember(dir);
        return created;
      }),
    'vault:unlock': async (req) =>
      s.grants.use(req.folder, 'folder', async (dir) => {
        const state = await s.session.unlock(
          dir,
          'passphrase' in req ? { passphrase: req.passphrase } : { recoveryCode: req.recoveryCode },
        );
        await remember(dir);
        return state;
      }),
    'vault:remembered': async () => {
      const dir = s.settings.current().lastVaultDir;
      if (dir === null) return { folder: null };
      // A vault that was moved or deleted since is not offered.
      const present = await access(path.join(dir, 'vault.json')).then(
        () => true,
        () => false,
      );
      return { folder: present ? s.grants.issue(dir, 'folder') : null };
    },
    'vault:lock': async () => {
      s.tasks.cancelAll();
      await s.session.lock('user');
      return {};
    },
    'vault:status': async () => vaultStatus(s.session.requireVault()),
  };
}

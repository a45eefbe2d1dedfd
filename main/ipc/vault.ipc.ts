/** Handlers of the vault area: the session's life cycle and the status summary. */
import type { VAULT_CHANNELS } from '../../shared/areas/vault.channels';
import { vaultStatus } from '../vault/status';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The vault area's handlers. */
export function vaultHandlers(s: AppServices): { [C in (typeof VAULT_CHANNELS)[number]]: Handler<C> } {
  return {
    'vault:state': async () => s.session.state(),
    'vault:create': async (req) => s.session.create(req.dir, req.memberName, req.passphrase),
    'vault:unlock': async (req) => s.session.unlock(req.dir, 'passphrase' in req ? { passphrase: req.passphrase } : { recoveryCode: req.recoveryCode }),
    'vault:lock': async () => {
      s.tasks.cancelAll();
      await s.session.lock('user');
      return {};
    },
    'vault:status': async () => vaultStatus(s.session.requireVault()),
  };
}

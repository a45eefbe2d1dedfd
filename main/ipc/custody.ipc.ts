/** Handlers of the custody area: each maps one channel to one core call. */
import type { CUSTODY_CHANNELS } from '../../shared/areas/custody.channels';
import { custodyPage } from '../evidence/views/custody-view';
import { latestCheckpointView, makeCheckpointView, verifyVaultReadable } from '../evidence/views/vault-checks';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The custody area's handlers. */
export function custodyHandlers(s: AppServices): { [C in (typeof CUSTODY_CHANNELS)[number]]: Handler<C> } {
  return {
    'custody:entries': async (req) => custodyPage(s.session.requireVault().db, req.scope, req.offset, req.limit),
    'custody:verify': async (req) => {
      const vault = s.session.requireVault();
      return s.tasks.run(req.taskId, 'objects', async ({ report }) => verifyVaultReadable(vault, { quick: req.quick ?? false, onObject: (done, total) => report(done, total) }));
    },
    'custody:checkpoint': async () => latestCheckpointView(s.session.requireVault().db),
    'custody:make-checkpoint': async () => makeCheckpointView(s.session.requireVault()),
  };
}

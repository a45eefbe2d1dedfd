/** Handlers of the custody area: each maps one channel to one core call. */
import path from 'node:path';
import type { CUSTODY_CHANNELS } from '../../shared/areas/custody.channels';
import { VigilError } from '../../shared/errors';
import { attachTimestampFiles, writeTimestampRequest } from '../custody/timestamps/files';
import { timestampSummary } from '../custody/timestamps/store';
import { refusalMessage } from '../custody/timestamps/timestamps';
import { custodyPage } from '../evidence/views/custody-view';
import { latestCheckpointView, makeCheckpointView, verifyVaultReadable } from '../checks/vault-checks';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The custody area's handlers. */
export function custodyHandlers(s: AppServices): { [C in (typeof CUSTODY_CHANNELS)[number]]: Handler<C> } {
  return {
    'custody:entries': async (req) => custodyPage(s.session.requireVault().db, req.scope, req.offset, req.limit),
    'custody:verify': async (req) => {
      const vault = s.session.requireVault();
      return s.tasks.run(req.taskId, 'objects', async ({ report }) =>
        verifyVaultReadable(vault, { quick: req.quick ?? false, onObject: (done, total) => report(done, total) }),
      );
    },
    'custody:checkpoint': async () => latestCheckpointView(s.session.requireVault().db),
    'custody:make-checkpoint': async () => makeCheckpointView(s.session.requireVault()),
    'custody:timestamps': async () => timestampSummary(s.session.requireVault().db),
    'custody:timestamp-request': async (req) => {
      const vault = s.session.requireVault();
      return s.grants.use(req.output, 'save-file', async (file) => {
        const made = await writeTimestampRequest(vault, file);
        return {
          checkpointSize: made.checkpoint.size,
          reused: made.reused,
          imprint: made.imprint,
          fileName: path.basename(file),
        };
      });
    },
    'custody:timestamp-attach': async (req) => {
      const vault = s.session.requireVault();
      // A refused reply throws, so both grants come back for another try.
      return s.grants.useAll([req.reply, req.chain], 'read-file', async ([reply = '', chain = '']) => {
        const outcome = await attachTimestampFiles(vault, reply, chain);
        if (!outcome.ok) throw new VigilError('INVALID_INPUT', refusalMessage(outcome.reason));
        const v = outcome.value;
        return {
          checkpointSize: v.checkpointSize,
          genTime: v.genTime,
          tsa: v.tsa,
          serial: v.serial,
          tokenSha256: v.tokenSha256,
          rootFingerprint: v.rootFingerprint,
        };
      });
    },
  };
}

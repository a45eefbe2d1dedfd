/** Handlers of the custody area: each channel mapped to its function in main/api/custody.ts; grants and tasks here. */
import type { CUSTODY_CHANNELS } from '../../shared/areas/custody.channels';
import {
  custodyCheckpoint,
  custodyEntries,
  custodyMakeCheckpoint,
  custodyTimestampAttach,
  custodyTimestampRequest,
  custodyTimestamps,
  custodyVerify,
} from '../api/custody';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The custody area's handlers. */
export function custodyHandlers(s: AppServices): { [C in (typeof CUSTODY_CHANNELS)[number]]: Handler<C> } {
  const db = () => s.session.requireVault().db;
  const vault = () => s.session.requireVault();
  return {
    'custody:entries': async (req) => custodyEntries(db(), req),
    'custody:verify': async (req) => {
      const v = vault();
      return s.tasks.run(req.taskId, 'objects', ({ report }) =>
        custodyVerify(v, req, (done, total) => report(done, total)),
      );
    },
    'custody:checkpoint': async () => custodyCheckpoint(db()),
    'custody:make-checkpoint': async () => custodyMakeCheckpoint(vault()),
    'custody:timestamps': async () => custodyTimestamps(db()),
    'custody:timestamp-request': async (req) => {
      const v = vault();
      return s.grants.use(req.output, 'save-file', (file) => custodyTimestampRequest(v, file));
    },
    'custody:timestamp-attach': async (req) => {
      const v = vault();
      // A refused reply throws, so both grants come back for another try.
      return s.grants.useAll([req.reply, req.chain], 'read-file', ([reply = '', chain = '']) =>
        custodyTimestampAttach(v, reply, chain),
      );
    },
  };
}

/** Handlers of the reports area: each maps one channel to one core call. */
import type { REPORTS_CHANNELS } from '../../shared/areas/reports.channels';
import { createCaseReport } from '../report/case-report';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The reports area's handlers. */
export function reportsHandlers(s: AppServices): { [C in (typeof REPORTS_CHANNELS)[number]]: Handler<C> } {
  return {
    'reports:case': async (req) => {
      const vault = s.session.requireVault();
      return s.grants.use(req.output, 'save-file', async (output) => {
        const r = await createCaseReport(vault, {
          caseId: req.caseId,
          output,
          lang: req.lang,
          profile: req.profile.kind,
        });
        const d = r.report;
        return {
          path: r.path,
          signaturePath: r.signaturePath,
          sha256: r.sha256,
          bytes: r.bytes,
          asOf: d.asOf,
          checkpoint: { size: d.checkpoint.size, root: d.checkpoint.rootHex },
          signerFingerprint: d.checkpoint.signer.fingerprint,
          counts: { events: d.events.length, requests: d.requests.length, exhibits: d.exhibits.length },
        };
      });
    },
  };
}

/** What the reports channels answer: the case report written, with the figures the window shows about it. */
import type { ReqParsed, Res } from '../../shared/contract';
import { createCaseReport } from '../report/case-report';
import type { Vault } from '../vault/vault';

/** reports:case — writes the signed PDF report of a case to `output` (its grant resolved). */
export async function reportsCase(
  vault: Vault,
  req: ReqParsed<'reports:case'>,
  output: string,
): Promise<Res<'reports:case'>> {
  const r = await createCaseReport(vault, { caseId: req.caseId, output, lang: req.lang, profile: req.profile.kind });
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
}

/** What the receive screen makes of the `consistency` verdict (DESIGN §6, "Consistency with earlier packages"). */
import type { Res } from '../../../shared/contract';

type Report = Res<'packages:verify'>;

/**
 * True when the sender's history is all that stands between the package and an import: it was
 * rewritten or forked since the last package from that vault and every other check passed. The
 * person may then import it knowingly; the core records that decision in custody.
 */
export function historyToAccept(report: Report): boolean {
  if (report.ok || report.consistency?.status !== 'rewritten') return false;
  return report.checks.every((c) => c.ok || c.check === 'consistency');
}

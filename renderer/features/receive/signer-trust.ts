/** Which signers of a checked package the person may confirm before importing (DESIGN §6, "Who signed it"). */
import type { Res } from '../../../shared/contract';

type Report = Res<'packages:verify'>;
/** One signer as the receiving vault knows it. */
export type SignerVerdict = NonNullable<Report['signerTrust']>[number];

/**
 * The unknown signers and changed keys to confirm when they are all that stands between the
 * package and an import: every other check passed and nobody impersonates an address-book
 * entry (that is never confirmed). Null when there is nothing to confirm or confirming would not help.
 */
export function signersToConfirm(report: Report): SignerVerdict[] | null {
  if (report.ok) return null;
  const verdicts = report.signerTrust ?? [];
  const onlySigner = report.checks.every((c) => c.ok || c.check === 'signer-trust');
  const pending = verdicts.filter((v) => v.status === 'unknown' || v.status === 'changed');
  if (!onlySigner || pending.length === 0 || verdicts.some((v) => v.status === 'impersonation')) return null;
  return pending;
}

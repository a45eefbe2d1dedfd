/**
 * `vigil verify A.tar.age B.tar.age`: verifies both packages as `vigil verify` does one, then
 * checks that B's custody log extends A's (check `consistency`): B must carry an RFC 9162
 * consistency proof from A's checkpoint to its own. A fork or a rewritten log fails it.
 */
import { statSync } from 'node:fs';
import { VigilError } from '../../../shared/errors';
import { wipe } from '../../crypto/sodium';
import type { LastSeen } from '../../packages/consistency/consistency-check';
import {
  checkPackage,
  verifyBagDetailed,
  type BagVerification,
  type PackageReport,
  type TrustOptions,
} from '../../packages/verify';
import type { AgeIdentity } from '../../crypto/age';
import { out, outJson, withProgress } from '../output';
import {
  isPackageTarget,
  printPackageReport,
  receiptFor,
  verifyingWith,
  type PackageVerifyOptions,
} from './package-verify';

interface Checking {
  identities: AgeIdentity[];
  trust?: TrustOptions;
  history?: (vault: string) => LastSeen | null;
}

async function verifyOne(
  target: string,
  opts: PackageVerifyOptions,
  c: Checking,
  label: string,
): Promise<BagVerification> {
  const receipt = receiptFor(target, undefined);
  const common = {
    ...(receipt === undefined ? {} : { receipt }),
    ...(c.trust === undefined ? {} : { trust: c.trust }),
    ...(c.history === undefined ? {} : { history: c.history }),
  };
  if (statSync(target).isDirectory()) return verifyBagDetailed(target, common);
  return withProgress(label, (hooks) => checkPackage(target, { identities: c.identities, ...common, ...hooks }));
}

/** A failed `consistency` check added to B's report when A cannot be compared with it at all. */
function failPair(report: PackageReport, detail: string): PackageReport {
  return {
    ...report,
    ok: false,
    consistency: { status: 'rewritten' },
    checks: [...report.checks, { check: 'consistency', ok: false, detail }],
  };
}

/** B's report with its history judged against A's checkpoint. */
async function verifyLater(
  later: string,
  opts: PackageVerifyOptions,
  c: Checking,
  a: BagVerification,
): Promise<PackageReport> {
  const cp = a.facts.checkpoint;
  const earlierVault = a.report.vault;
  const seen: LastSeen | null =
    cp === null || a.report.packageId === undefined
      ? null
      : { packageId: a.report.packageId, size: cp.size, root: cp.root };
  const b = await verifyOne(
    later,
    opts,
    { ...c, history: (vault) => (vault === earlierVault ? seen : null) },
    'Checking the later package',
  );
  if (seen === null)
    return failPair(
      b.report,
      'The earlier package has no verified checkpoint, so this package cannot be shown to extend it.',
    );
  if (b.report.vault !== earlierVault)
    return failPair(
      b.report,
      `This package comes from vault ${b.report.vault ?? '(not named)'}, not from vault ` +
        `${earlierVault ?? '(not named)'} of the earlier package: it cannot extend it.`,
    );
  return b.report;
}

/** Runs `vigil verify EARLIER LATER`; exit status 1 unless both verify and LATER extends EARLIER. */
export async function verifyPairCommand(earlier: string, later: string, opts: PackageVerifyOptions): Promise<void> {
  for (const t of [earlier, later]) {
    if (statSync(t, { throwIfNoEntry: false }) === undefined)
      throw new VigilError('NOT_FOUND', `There is no package or bag at ${t}. Check the path.`);
    if (!isPackageTarget(t))
      throw new VigilError('INVALID_INPUT', `${t} is a vault; give two packages (or bag folders), the earlier first.`);
  }
  const needKey = [earlier, later].some((t) => !statSync(t).isDirectory());
  const { identities, trust } = await verifyingWith(opts, needKey);
  const c: Checking = { identities, ...(trust === undefined ? {} : { trust }) };
  let a: BagVerification;
  let b: PackageReport;
  try {
    a = await verifyOne(earlier, opts, c, 'Checking the earlier package');
    b = await verifyLater(later, opts, c, a);
  } finally {
    for (const id of identities) wipe(id.kind === 'x25519' ? id.secretKey : id.passphrase);
  }
  const extendsEarlier = b.consistency?.status === 'extends';
  const ok = a.report.ok && b.ok;
  if (opts.json) {
    outJson({ ok, extends: extendsEarlier, earlier: a.report, later: b });
  } else {
    printPackageReport(a.report, earlier);
    out('');
    printPackageReport(b, later);
    out(
      extendsEarlier
        ? `The later package extends the earlier one: the custody log of ${earlier} is a prefix of the one of ${later}.`
        : `The later package does NOT extend the earlier one: see the consistency lines above.`,
    );
  }
  if (!ok) process.exitCode = 1;
}

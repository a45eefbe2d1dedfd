import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VigilError } from '../../../shared/errors';
import {
  checkMark,
  checkText,
  reportOrigin,
  reportTitle,
  resultSentence,
  signerLine,
  SIGNERS_INTRO,
} from '../../../shared/package-report-text';
import { identitiesInText, type AgeIdentity } from '../../crypto/age';
import { wipe } from '../../crypto/sodium';
import { loadSignerDirectory } from '../../packages/trust';
import { receivedHistorySnapshot } from '../../packages/consistency/received-checkpoints';
import type { SenderHistory } from '../../packages/consistency/consistency-check';
import {
  printable,
  verifyBagFolder,
  verifyPackageFile,
  type PackageReport,
  type TrustOptions,
} from '../../packages/verify';
import { memberIdentity } from '../../vault/identity';
import { out, outJson, withProgress } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

/** Options of `vigil verify` that concern packages. */
export interface PackageVerifyOptions extends SecretOptions {
  identity?: string;
  agePassphraseFile?: string;
  vault?: string;
  receipt?: string;
  json?: boolean;
}

/**
 * True when `target` is a package file or a bag folder rather than a vault folder. A folder
 * that is neither (no bagit.txt, no vault.json) is refused here, before anyone is asked for a
 * passphrase it could not use.
 */
export function isPackageTarget(target: string): boolean {
  const st = statSync(target, { throwIfNoEntry: false });
  if (st === undefined) return target.endsWith('.age');
  if (st.isFile()) return true;
  if (!st.isDirectory()) return false;
  const isBag = existsSync(path.join(target, 'bagit.txt'));
  const isVault = existsSync(path.join(target, 'vault.json'));
  if (!isBag && !isVault) {
    throw new VigilError(
      'INVALID_INPUT',
      `${printable(target)} is not a bag or a vault: it has neither bagit.txt nor vault.json. Give the folder ` +
        `of an unpacked bag, a vault folder, or a .tar.age package file.`,
    );
  }
  return isBag && !isVault;
}

/** Reads an age identity file: `AGE-SECRET-KEY-1…` lines; `#` comments and blank lines are skipped. */
async function readIdentityFile(file: string): Promise<AgeIdentity[]> {
  const text = await readFile(file, 'utf8').catch((err: unknown) => {
    throw new VigilError(
      'NOT_FOUND',
      `The identity file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`,
    );
  });
  return identitiesInText(text, file);
}

/** Reads the passphrase of a passphrase-sealed package from the first line of a file. */
async function readAgePassphrase(file: string): Promise<AgeIdentity> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new VigilError('NOT_FOUND', `The passphrase file ${file} cannot be read. Check the path.`);
  });
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '')
    throw new VigilError('INVALID_INPUT', `The first line of ${file} is empty; put the package passphrase there.`);
  return { kind: 'scrypt', passphrase: new Uint8Array(Buffer.from(line, 'utf8')) };
}

/**
 * The keys to open a package with, from --identity or --age-passphrase-file (in that order); empty when neither is
 * given.
 */
export async function packageIdentities(opts: PackageVerifyOptions): Promise<AgeIdentity[]> {
  if (opts.identity !== undefined) return readIdentityFile(opts.identity);
  if (opts.agePassphraseFile !== undefined) return [await readAgePassphrase(opts.agePassphraseFile)];
  return [];
}

/**
 * What `vigil verify` opens and judges a package with: the keys of packageIdentities, else the
 * --vault member's own key; and, with --vault, that vault's address book and trusted signers
 * (without it the signers are reported unchecked). `needKey` is false for a bag folder.
 */
export async function verifyingWith(
  opts: PackageVerifyOptions,
  needKey: boolean,
): Promise<{ identities: AgeIdentity[]; trust?: TrustOptions; history?: SenderHistory }> {
  const identities = needKey ? await packageIdentities(opts) : [];
  if (opts.vault === undefined) {
    if (needKey && identities.length === 0) {
      throw new VigilError(
        'INVALID_INPUT',
        'No key was given to open the package. Add --identity <age key file>, --age-passphrase-file <file> for ' +
          'a passphrase-sealed package, or --vault <your vault folder> to use your own key.',
      );
    }
    return { identities };
  }
  const useOwn = needKey && identities.length === 0;
  const fromVault = await withVault(opts.vault, opts, (vault) => ({
    directory: loadSignerDirectory(vault.db, vault.vaultId),
    history: receivedHistorySnapshot(vault.db, vault.vaultId),
    own: useOwn ? memberIdentity(vault).ageIdentity : null,
  }));
  return {
    identities: fromVault.own === null ? identities : [fromVault.own],
    trust: { directory: fromVault.directory },
    history: fromVault.history,
  };
}

/** The receipt to check: the one given, or `<name>.receipt.txt` beside the package when it exists. */
export function receiptFor(file: string, given: string | undefined): string | undefined {
  if (given !== undefined) {
    if (!existsSync(given)) throw new VigilError('NOT_FOUND', `There is no receipt at ${given}. Check the path.`);
    return given;
  }
  const beside = `${file.replace(/\.tar\.age$|\.age$/, '')}.receipt.txt`;
  return existsSync(beside) ? beside : undefined;
}

/** Prints a package report for a reader who is not a technician (sentences in shared/package-report-text.ts). */
export function printPackageReport(report: PackageReport, target: string): void {
  out(reportTitle(report, target));
  const origin = reportOrigin(report);
  if (origin !== null) out(origin);
  const update = report.handover?.updateOf;
  if (update !== undefined)
    out(
      `This package is an update of package ${printable(update.packageId)}: it carries only what changed since ` +
        `(${update.changes.length} record(s)); import that package first.`,
    );
  if (report.signers.length > 0) {
    out(SIGNERS_INTRO);
    for (const s of report.signers) out(`  ${signerLine(s)}`);
  }
  for (const c of report.checks) out(`  ${checkMark(c)}  ${c.check.padEnd(12)} ${checkText(c)}`);
  out(resultLine(report));
}

/** The last line: passed, passed with the signer unchecked, only the signer to confirm, or problems. */
function resultLine(report: PackageReport): string {
  const verdicts = report.signerTrust ?? [];
  if (report.ok) {
    if (!verdicts.some((v) => v.status === 'unchecked')) return resultSentence(true);
    return (
      'Result: every check passed, but the signer was not checked against an address book (no --vault given). ' +
      'Compare the fingerprint above with the sender over a separate channel before you rely on who sent it.'
    );
  }
  const onlySigner = report.checks.every((c) => c.ok || c.check === 'signer-trust');
  const toConfirm = verdicts.filter((v) => v.status === 'unknown' || v.status === 'changed');
  if (onlySigner && toConfirm.length > 0 && !verdicts.some((v) => v.status === 'impersonation')) {
    const flags = toConfirm.map((v) => `--trust-new-signer "${v.fingerprint}"`).join(' ');
    return (
      `Result: SIGNER NOT TRUSTED. The package is intact, but its signer is not one you trust (see FAIL lines ` +
      `above). Only if the sender reads you the same fingerprint over a separate channel, import it with ${flags}.`
    );
  }
  return resultSentence(false);
}

/** `vigil verify FILE.tar.age|BAGDIR`: verifies, prints, and sets exit status 1 when a check failed. */
export async function verifyPackageCommand(target: string, opts: PackageVerifyOptions): Promise<void> {
  let report: PackageReport;
  const st = statSync(target, { throwIfNoEntry: false });
  if (st === undefined) throw new VigilError('NOT_FOUND', `There is no package or bag at ${target}. Check the path.`);
  if (st.isDirectory()) {
    const receipt = opts.receipt === undefined ? {} : { receipt: receiptFor(target, opts.receipt) ?? opts.receipt };
    const { trust, history } = await verifyingWith(opts, false);
    report = await verifyBagFolder(target, {
      ...receipt,
      ...(trust === undefined ? {} : { trust }),
      ...(history === undefined ? {} : { history }),
    });
  } else {
    const { identities: ids, trust, history } = await verifyingWith(opts, true);
    const receipt = receiptFor(target, opts.receipt);
    try {
      report = await withProgress('Checking package', (hooks) =>
        verifyPackageFile(target, {
          identities: ids,
          ...(receipt === undefined ? {} : { receipt }),
          ...(trust === undefined ? {} : { trust }),
          ...(history === undefined ? {} : { history }),
          ...hooks,
        }),
      );
    } finally {
      for (const id of ids) wipe(id.kind === 'x25519' ? id.secretKey : id.passphrase);
    }
  }
  if (opts.json) outJson(report);
  else printPackageReport(report, target);
  if (!report.ok) process.exitCode = 1;
}

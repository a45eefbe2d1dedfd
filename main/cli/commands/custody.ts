import type { Command } from 'commander';
import { VigilError } from '../../../shared/errors';
import { makeCheckpoint } from '../../custody/checkpoint-store';
import { iterateStoredEntries } from '../../custody/log-store';
import { keyDirectory } from '../../vault/members';
import { removeOrphans, verifyVault, type VaultReport } from '../../checks/verify-vault';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';
import { isPackageTarget, verifyPackageCommand, type PackageVerifyOptions } from './package-verify';
import { verifyPairCommand } from './package-verify-pair';
import { timestampAttachCommand, timestampRequestCommand } from './timestamp';

/** `vigil log`, `vigil checkpoint`, `vigil verify` (of a vault, package or bag) and `vigil import`. */
export function registerCustodyCommands(program: Command): void {
  // Import lives beside verify: it runs the same package verification before anything enters the vault.
  program
    .command('log <dir>')
    .description('print the custody log')
    .option('--json', 'one line per entry: {"entry": {…}, "sig": "<base64>"}')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, opts: SecretOptions & { json?: boolean }) => {
      await withVault(dir, opts, (vault) => {
        const names = keyDirectory(vault.db);
        for (const row of iterateStoredEntries(vault.db)) {
          // The stored text is the canonical form: print it as is so the signature still verifies.
          if (opts.json) {
            process.stdout.write(`{"entry":${row.canonical},"sig":${JSON.stringify(row.sig)}}\n`);
            continue;
          }
          const e = JSON.parse(row.canonical) as {
            seq: number;
            ts: string;
            actor: string;
            action: string;
            subject: string | null;
            hash: string | null;
          };
          const who = names.get(e.actor)?.name ?? `unknown key ${e.actor.slice(0, 16)}`;
          out(
            `${String(e.seq).padStart(6)}  ${e.ts}  ${e.action.padEnd(24)} ${e.subject ?? '-'}  by ` +
              `${who}${e.hash ? `  sha256 ${e.hash.slice(0, 16)}…` : ''}`,
          );
        }
      });
    });

  program
    .command('checkpoint <dir>')
    .description('make, store and print a signed checkpoint of the custody log; or timestamp one with an RFC 3161 TSA')
    .option(
      '--timestamp-request <file>',
      'write an RFC 3161 request over a checkpoint of the whole log (the latest if it covers every entry)',
    )
    .option('--attach <file>', "verify the TSA's reply (.tsr) against the kept request and record it")
    .option('--tsa-cert <file>', "with --attach: the TSA's CA certificate(s), PEM, root included: the only trust")
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, opts: SecretOptions & TimestampOptions) => {
      if (await timestampAction(dir, opts)) return;
      const stored = await withVault(dir, opts, (vault) =>
        makeCheckpoint(vault.db, vault.vaultId, vault.requireSigner()),
      );
      process.stdout.write(stored.note);
    });

  program
    .command('verify <target> [later]')
    .description(
      'verify a vault (folder with vault.json), a sealed package (FILE.tar.age) or an unpacked bag folder; ' +
        'given two packages, also check that the later one extends the earlier',
    )
    .option('--quick', 'skip decrypting and hashing every object')
    .option('--json', 'print the report as JSON')
    .option('--identity <file>', 'package: an age identity file (AGE-SECRET-KEY-1… lines) to decrypt with')
    .option(
      '--age-passphrase-file <file>',
      'package: the passphrase of a passphrase-sealed package, on the first line of a file',
    )
    .option('--vault <dir>', 'package: decrypt with the key of the member who unlocks this vault')
    .option('--receipt <file>', 'package: the receipt to check (default: <name>.receipt.txt beside the package)')
    .option('--repair', 'remove orphaned objects and temp files left by interrupted writes')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(
      async (
        target: string,
        later: string | undefined,
        opts: PackageVerifyOptions & { quick?: boolean; repair?: boolean },
      ) => {
        if (later !== undefined) {
          await verifyPairCommand(target, later, opts);
          return;
        }
        if (isPackageTarget(target)) {
          await verifyPackageCommand(target, opts);
          return;
        }
        const report = await withVault(target, opts, async (vault) => {
          if (opts.repair) {
            const removed = await removeOrphans(vault);
            if (!opts.json) out(`Removed ${removed} orphaned file(s).`);
          }
          return verifyVault(vault, { quick: opts.quick ?? false });
        });
        if (opts.json) outJson(report);
        else printReport(report);
        if (!report.ok) process.exitCode = 1;
      },
    );
}

function printReport(report: VaultReport): void {
  out(`Verification of vault ${report.vaultId}`);
  for (const f of report.findings) {
    const mark = f.ok ? 'PASS' : f.warning ? 'NOTE' : 'FAIL';
    out(`  ${mark}  ${f.check.padEnd(10)} ${f.subject ? `${f.subject}: ` : ''}${f.detail}`);
  }
  out(
    report.ok
      ? 'Result: every check passed.'
      : 'Result: PROBLEMS FOUND (see FAIL lines above). Keep a copy of the vault folder as it is.',
  );
}

interface TimestampOptions {
  timestampRequest?: string;
  attach?: string;
  tsaCert?: string;
}

/** Runs `checkpoint --timestamp-request` or `--attach`; false when neither was asked for. */
async function timestampAction(dir: string, opts: SecretOptions & TimestampOptions): Promise<boolean> {
  if (opts.timestampRequest !== undefined && opts.attach !== undefined)
    throw new VigilError('INVALID_INPUT', 'Give either --timestamp-request or --attach, not both.');
  if (opts.attach === undefined && opts.tsaCert !== undefined)
    throw new VigilError('INVALID_INPUT', '--tsa-cert goes with --attach.');
  if (opts.timestampRequest !== undefined) {
    await timestampRequestCommand(dir, opts.timestampRequest, opts);
    return true;
  }
  if (opts.attach === undefined) return false;
  if (opts.tsaCert === undefined)
    throw new VigilError(
      'INVALID_INPUT',
      "--attach needs --tsa-cert FILE: the TSA's CA certificate (PEM, root included) to verify the reply with.",
    );
  await timestampAttachCommand(dir, opts.attach, opts.tsaCert, opts);
  return true;
}

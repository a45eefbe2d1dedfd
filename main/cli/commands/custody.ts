import type { Command } from 'commander';
import { makeCheckpoint } from '../../custody/checkpoint-store';
import { iterateStoredEntries } from '../../custody/log-store';
import { keyDirectory } from '../../vault/members';
import { removeOrphans, verifyVault, type VaultReport } from '../../vault/verify';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

/** `vigil log`, `vigil checkpoint` and `vigil verify` (of a vault). */
export function registerCustodyCommands(program: Command): void {
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
          const e = JSON.parse(row.canonical) as { seq: number; ts: string; actor: string; action: string; subject: string | null; hash: string | null };
          const who = names.get(e.actor)?.name ?? `unknown key ${e.actor.slice(0, 16)}`;
          out(`${String(e.seq).padStart(6)}  ${e.ts}  ${e.action.padEnd(24)} ${e.subject ?? '-'}  by ${who}${e.hash ? `  sha256 ${e.hash.slice(0, 16)}…` : ''}`);
        }
      });
    });

  program
    .command('checkpoint <dir>')
    .description('make, store and print a signed checkpoint of the custody log')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, opts: SecretOptions) => {
      const stored = await withVault(dir, opts, (vault) => makeCheckpoint(vault.db, vault.vaultId, vault.requireSigner()));
      process.stdout.write(stored.note);
    });

  program
    .command('verify <target>')
    .description('verify a vault: database integrity, custody signatures and links, checkpoint, and every object')
    .option('--quick', 'skip decrypting and hashing every object')
    .option('--json', 'print the report as JSON')
    .option('--repair', 'remove orphaned objects and temp files left by interrupted writes')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (target: string, opts: SecretOptions & { quick?: boolean; json?: boolean; repair?: boolean }) => {
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
    });
}

function printReport(report: VaultReport): void {
  out(`Verification of vault ${report.vaultId}`);
  for (const f of report.findings) {
    const mark = f.ok ? 'PASS' : f.warning ? 'NOTE' : 'FAIL';
    out(`  ${mark}  ${f.check.padEnd(10)} ${f.subject ? `${f.subject}: ` : ''}${f.detail}`);
  }
  out(report.ok ? 'Result: every check passed.' : 'Result: PROBLEMS FOUND (see FAIL lines above). Keep a copy of the vault folder as it is.');
}

import type { Command } from 'commander';
import { isVigilError, VigilError } from '../../../shared/errors';
import { wipe } from '../../crypto/sodium';
import { AlreadyImportedError, importPackage, type ImportResult } from '../../packages/import';
import { resolveCaseId } from '../../evidence/resolve';
import { vaultOptions } from '../options';
import { out, outJson, withProgress } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';
import { packageIdentities } from './package-verify';

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Prints what an import brought in, or that the package was already here (exit status 0 either way). */
function printResult(result: ImportResult | AlreadyImportedError, json: boolean): void {
  if (result instanceof AlreadyImportedError) {
    if (json) outJson({ alreadyImported: true, ...result.prior });
    else out(result.message);
    return;
  }
  if (json) {
    outJson(result);
    return;
  }
  out(`Imported package ${result.packageId} from vault ${result.sourceVault} after every check passed.`);
  if (result.updateOf !== null) {
    out(
      `Update of package ${result.updateOf}, applied to case ${result.caseId}: ${result.items} new item(s); ` +
        `${result.people} person(s), ${result.transcripts} transcript(s), ${result.events} event(s), ` +
        `${result.requests} request(s) added or changed.`,
    );
    return;
  }
  out(
    `New case ${result.caseId}: ${result.items} item(s), ${result.people} person(s), ${result.transcripts} ` +
      `transcript(s), ${result.events} event(s), ${result.requests} request(s).`,
  );
  out(
    "The sender's custody entries, checkpoint and keys are kept with the case; the import is recorded in this " +
      "vault's custody log.",
  );
}

/**
 * `vigil import <dir> FILE.tar.age`: verifies a package fully, then brings its case in with
 * provenance. A package already imported changes nothing and exits 0, saying so.
 */
export function registerImportCommand(program: Command): void {
  vaultOptions(
    program
      .command('import <dir> <package>')
      .description(
        'verify a sealed package completely, then import its case, items, transcripts and records with their ' +
          'provenance',
      )
      .option('--identity <file>', 'an age identity file to decrypt with (default: your own member key)')
      .option(
        '--age-passphrase-file <file>',
        'the passphrase of a passphrase-sealed package, on the first line of a file',
      )
      .option(
        '--into <case>',
        'for an update package: the case to apply it to (refused unless its base package was imported as that case)',
      )
      .option(
        '--trust-new-signer <fingerprint>',
        'trust the package signer with exactly this fingerprint, after the sender read it out to you over a ' +
          'separate channel (repeatable)',
        collect,
        [],
      )
      .option(
        '--accept-rewritten-history',
        "import even though the sender's history was rewritten or forked since their last package (check " +
          'consistency); recorded in custody',
      ),
  ).action(
    async (
      dir: string,
      file: string,
      opts: SecretOptions & {
        identity?: string;
        agePassphraseFile?: string;
        json?: boolean;
        trustNewSigner: string[];
        into?: string;
        acceptRewrittenHistory?: boolean;
      },
    ) => {
      const given = opts.identity !== undefined || opts.agePassphraseFile !== undefined;
      const identities = given ? await packageIdentities(opts) : undefined;
      const trustSigners = opts.trustNewSigner;
      try {
        const result = await withVault(dir, opts, (vault) =>
          withProgress('Checking, then importing package', (hooks) =>
            importPackage(vault, file, {
              ...(identities === undefined ? {} : { identities }),
              trustSigners,
              ...(opts.acceptRewrittenHistory === true ? { acceptRewrittenHistory: true } : {}),
              ...(opts.into === undefined ? {} : { intoCase: resolveCaseId(vault.db, opts.into) }),
              ...hooks,
            }),
          ),
        ).catch((err: unknown) => {
          // Already here: the import's aim holds, so a rerun (after a crash, say) succeeds and changes nothing.
          if (err instanceof AlreadyImportedError) return err;
          if (isVigilError(err) && err.code === 'HISTORY_REWRITTEN') {
            throw new VigilError(
              err.code,
              `${err.message} (To import it knowingly, add --accept-rewritten-history; the decision is ` +
                `recorded in this vault's custody log.)`,
              { cause: err },
            );
          }
          if (!isVigilError(err) || err.code !== 'SIGNER_UNTRUSTED') throw err;
          throw new VigilError(
            err.code,
            `${err.message} (An unknown signer or a changed key is trusted with --trust-new-signer ` +
              `"<fingerprint>", once the sender has read you that fingerprint over a separate channel; an ` +
              `impersonation never is.)`,
            { cause: err },
          );
        });
        printResult(result, opts.json === true);
      } finally {
        for (const id of identities ?? []) wipe(id.kind === 'x25519' ? id.secretKey : id.passphrase);
      }
    },
  );
}

import type { Command } from 'commander';
import { VigilError } from '../../../shared/errors';
import { signerFingerprint } from '../../api/packages';
import { resolveCaseId } from '../../evidence/resolve';
import { exportPackage, loadProfile, type ExportResult } from '../../packages/export/export';
import { describeNameHit, UnconfirmedNamesError, type NameHit } from '../../packages/export/name-scan';
import { planExport } from '../../packages/export/plan';
import { SurvivingNamesError } from '../../packages/export/seal-scan';
import { resolveRecipients } from '../../packages/recipients';
import type { ExportMode } from '../../packages/update/update-plan';
import { vaultOptions } from '../options';
import { formatBytes } from '../../../shared/format';
import { out, outJson, withProgress } from '../output';
import { readNewPassphrase, type SecretOptions } from '../secrets';
import { withVault } from '../unlock';

type ExportOpts = SecretOptions & {
  json?: boolean;
  case: string;
  items?: string;
  to?: string;
  passphrase?: boolean;
  profile: string;
  output?: string;
  dryRun?: boolean;
  confirmNames?: boolean;
  full?: boolean;
  update?: boolean;
  updateOf?: string;
};

/** The export mode the flags ask for: full unless --update or --update-of (never with --full). */
function exportMode(opts: ExportOpts): ExportMode {
  const update = opts.update === true || opts.updateOf !== undefined;
  if (update && opts.full === true)
    throw new VigilError('INVALID_INPUT', 'Give either --full or --update/--update-of, not both.');
  if (!update) return { kind: 'full' };
  return opts.updateOf === undefined ? { kind: 'update' } : { kind: 'update', of: opts.updateOf };
}

function checkSeal(opts: ExportOpts): void {
  if (opts.to !== undefined && opts.passphrase)
    throw new VigilError('INVALID_INPUT', 'Give either --to (recipients) or --passphrase, not both.');
  if (opts.to === undefined && !opts.passphrase)
    throw new VigilError(
      'INVALID_INPUT',
      'Say who can open the package: --to age1…[,age1…|name from "vigil recipients list"], or --passphrase.',
    );
}

/** The items given with --items, if any. */
function itemIdsOf(opts: ExportOpts): string[] | undefined {
  const ids = opts.items
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return ids && ids.length > 0 ? ids : undefined;
}

/** `--dry-run`: the export's own plan (what the window previews), read without writing, recording or sealing. */
async function dryRun(dir: string, opts: ExportOpts): Promise<ReturnType<typeof planExport>> {
  if (exportMode(opts).kind === 'update')
    throw new VigilError(
      'INVALID_INPUT',
      '--dry-run shows a full package; an update carries only what its recipients do not hold yet, known when it runs.',
    );
  const profile = await loadProfile(opts.profile);
  const itemIds = itemIdsOf(opts);
  return withVault(dir, opts, async (vault) =>
    planExport(vault.db, { caseId: resolveCaseId(vault.db, opts.case), ...(itemIds ? { itemIds } : {}), profile }),
  );
}

function printPlan(plan: ReturnType<typeof planExport>): void {
  out('Dry run: nothing was written, recorded or sealed. The package would hold:');
  out(`Bag:       ${plan.bag}, ${plan.items.length} item(s), ${formatBytes(plan.itemBytes)}`);
  for (const item of plan.items)
    out(`  ${item.path}  ${formatBytes(item.size)}${item.exifStripped ? '  (a copy without EXIF/GPS metadata)' : ''}`);
  if (plan.leftOut > 0)
    out(
      `Left out:  ${plan.leftOut} original(s) of the case${plan.filteredOut > 0 ? `, ${plan.filteredOut} by the profile` : ''}`,
    );
  out(`Generated: ${plan.generated.join(', ')}`);
  out(`Tag files: ${plan.tagFiles.join(', ')}`);
  out(
    `People:    ${plan.namedPeople} by name; ${plan.codedPeople.length} by code only` +
      (plan.codedPeople.length > 0 ? ` (${plan.codedPeople.join(', ')})` : ''),
  );
  if (plan.nameHits.length === 0) out('Protected names in the exported originals: none found.');
  else {
    out('Protected names in the exported originals (the export needs --confirm-names):');
    for (const h of plan.nameHits) out(`  ${describeNameHit(h)}`);
  }
}

async function runExport(
  dir: string,
  opts: ExportOpts,
  version: string,
): Promise<ExportResult & { fingerprint: string }> {
  checkSeal(opts);
  const output = opts.output;
  if (output === undefined)
    throw new VigilError('INVALID_INPUT', 'Say where to write the package: -o FILE.tar.age (or --dry-run to preview).');
  const mode = exportMode(opts);
  const profile = await loadProfile(opts.profile);
  const passphrase = opts.passphrase
    ? await readNewPassphrase('VIGIL_PACKAGE_PASSPHRASE', undefined, 'Package passphrase (not the vault passphrase)')
    : undefined;
  return withProgress('Sealing package', ({ signal, onProgress }) =>
    withVault(dir, opts, async (vault) => {
      const itemIds = itemIdsOf(opts);
      const result = await exportPackage(vault, {
        caseId: resolveCaseId(vault.db, opts.case),
        ...(itemIds ? { itemIds } : {}),
        recipients: opts.to === undefined ? null : resolveRecipients(vault.db, opts.to),
        ...(passphrase !== undefined ? { passphrase } : {}),
        profile,
        output,
        signal,
        softwareVersion: version,
        onProgress,
        ...(opts.confirmNames ? { confirmProtectedNames: true } : {}),
        mode,
      });
      return { ...result, fingerprint: signerFingerprint(vault) };
    }),
  );
}

/** Lists the protected names found in the exported originals, by code (never the names). */
function printNameHits(hits: NameHit[]): void {
  if (hits.length === 0) return;
  out('Protected names in exported originals (checked and confirmed with --confirm-names):');
  for (const h of hits) out(`  ${describeNameHit(h)}`);
}

/** Runs the export; a refusal for protected names also prints where they are (by code) as JSON under --json. */
async function exportOrRefuse(
  dir: string,
  opts: ExportOpts,
  version: string,
): Promise<ExportResult & { fingerprint: string }> {
  try {
    return await runExport(dir, opts, version);
  } catch (err) {
    if (opts.json && err instanceof UnconfirmedNamesError)
      outJson({ exported: false, reason: 'protected-names', nameHits: err.hits });
    if (opts.json && err instanceof SurvivingNamesError)
      outJson({ exported: false, reason: 'names-in-package', found: err.found });
    throw err;
  }
}

/**
 * `vigil export`: seals a case into FILE.tar.age for the named recipients (or a passphrase), with a signed receipt
 * beside it.
 */
export function registerExportCommand(program: Command): void {
  vaultOptions(
    program
      .command('export <dir>')
      .description('seal a case into a signed, encrypted BagIt package (FILE.tar.age) with a receipt'),
  )
    .requiredOption('--case <case>', 'the case (id or reference)')
    .option('--items <ids>', 'only these items (comma-separated ids)')
    .option('--to <recipients>', 'age1… keys or address-book names, comma-separated')
    .option('--passphrase', 'seal to a passphrase instead (from VIGIL_PACKAGE_PASSPHRASE or typed twice)')
    .option('--profile <profile>', 'protected (default), full, or a profile JSON file', 'protected')
    .option('-o, --output <file>', 'the new package, FILE.tar.age (never overwritten)')
    .option('--dry-run', 'show what the package would hold (items, paths, files, protected names); change nothing')
    .option('--full', 'a full package of the case (the default)')
    .option('--update', 'an update: only what changed since the last package of this case to the same recipients')
    .option('--update-of <package-id>', 'an update of this earlier package (to the same recipients)')
    .option(
      '--confirm-names',
      'export originals that name protected people: you have checked the items the refusal lists',
    )
    .action(async (dir: string, opts: ExportOpts) => {
      if (opts.dryRun) {
        const plan = await dryRun(dir, opts);
        return opts.json ? outJson(plan) : printPlan(plan);
      }
      const r = await exportOrRefuse(dir, opts, program.version() ?? '0.0.0');
      if (opts.json) return outJson(r);
      printNameHits(r.nameHits);
      out(`Package:  ${r.packagePath}`);
      out(`SHA-256:  ${r.packageSha256}`);
      out(`Receipt:  ${r.receiptPath} (signed: ${r.receiptPath}.minisig)`);
      out(
        r.verifierPath === null
          ? 'Verifier: not written (this build of vigil has no verifier page; run npm run build)'
          : `Verifier: ${r.verifierPath} (open it in any browser to check the package without Vigil)`,
      );
      out(`Bag:      ${r.bag}, ${r.items} item(s), ${formatBytes(r.bytes)}, package id ${r.packageId}`);
      if (r.updateOf !== null)
        out(
          `Update of package ${r.updateOf}: it carries only what changed since; the recipient imports that ` +
            `package first.`,
        );
      out(`Signed by your key with fingerprint: ${r.fingerprint}`);
      out(
        'Read this fingerprint to the recipient over a separate channel (a phone call, in person); they ' +
          'compare it with the key in data/custody/keys.txt before trusting the package.',
      );
    });
}

import type { Command } from 'commander';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';
import { casesGet, casesList, casesProvenance } from '../../api/cases';
import { createCase } from '../../evidence/cases';
import { listItems } from '../../evidence/items';
import { listPeople } from '../../evidence/people';
import { resolveCaseId } from '../../evidence/resolve';
import { vaultOptions } from '../options';
import { formatBytes } from '../../../shared/format';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

type JsonOpts = SecretOptions & { json?: boolean };

function status(value: string | undefined): CaseStatus | undefined {
  if (value === undefined) return undefined;
  if (!(CASE_STATUSES as readonly string[]).includes(value))
    throw new VigilError('INVALID_INPUT', `Unknown status "${value}". Use one of: ${CASE_STATUSES.join(', ')}.`);
  return value as CaseStatus;
}

/** `vigil case new|list|show`. */
export function registerCaseCommands(program: Command): void {
  const cases = program.command('case').description('cases: create, list, show');

  vaultOptions(cases.command('new <dir>').description('create a case'))
    .requiredOption('--title <title>', 'the case title')
    .option('--ref <reference>', 'a reference code, e.g. UA-2026-014')
    .option('--summary <text>', 'a short summary')
    .option('--status <status>', `one of ${CASE_STATUSES.join(', ')}`)
    .action(
      async (dir: string, opts: JsonOpts & { title: string; ref?: string; summary?: string; status?: string }) => {
        const st = status(opts.status);
        const row = await withVault(dir, opts, (vault) =>
          createCase(vault, {
            title: opts.title,
            ...(opts.ref ? { reference: opts.ref } : {}),
            ...(opts.summary ? { summary: opts.summary } : {}),
            ...(st ? { status: st } : {}),
          }),
        );
        if (opts.json) return outJson(row);
        out(`Created case ${row.id}${row.reference ? ` (${row.reference})` : ''}: ${row.title}`);
      },
    );

  vaultOptions(cases.command('list <dir>').description('list cases with their counts'))
    .option('--status <status>', 'only cases with this status')
    .action(async (dir: string, opts: JsonOpts & { status?: string }) => {
      const st = status(opts.status);
      const rows = await withVault(dir, opts, (vault) => casesList(vault.db, st ? { status: st } : {}));
      if (opts.json) return outJson(rows);
      if (rows.length === 0) return out('No cases yet. Create one with: vigil case new <vault> --title "…"');
      for (const c of rows) {
        out(`${c.id}  ${(c.reference ?? '-').padEnd(14)} ${c.status.padEnd(10)} ${c.title}`);
        out(
          `    people ${c.counts.people}, items ${c.counts.items}, interviews ${c.counts.interviews}, events ` +
            `${c.counts.events}, requests ${c.counts.requests}`,
        );
      }
    });

  vaultOptions(cases.command('show <dir> <case>').description('a case with its people (by code) and items'))
    .option('--reveal-names', 'show real names instead of protective codes')
    .action(async (dir: string, ref: string, opts: JsonOpts & { revealNames?: boolean }) => {
      const shown = await withVault(dir, opts, (vault) => {
        const id = resolveCaseId(vault.db, ref);
        const people = listPeople(vault.db, { caseId: id }).map((p) => ({
          id: p.id,
          code: p.code,
          ...(opts.revealNames || p.consent.named ? { name: p.name } : {}),
          roles: p.roles.filter((r) => r.caseId === id).map((r) => r.role),
        }));
        // The same case and counts as the window's cases:get, then what only the command line shows.
        return {
          ...casesGet(vault.db, { id }),
          people,
          items: listItems(vault.db, { caseId: id }),
          provenance: casesProvenance(vault.db, { id }),
        };
      });
      if (opts.json) return outJson(shown);
      out(`${shown.title}${shown.reference ? ` (${shown.reference})` : ''} — ${shown.status}`);
      if (shown.summary) out(shown.summary);
      out(`\nPeople (${shown.people.length}):`);
      for (const p of shown.people)
        out(`  ${p.name ? `${p.name} (${p.code})` : p.code}  ${p.roles.join(', ')}  ${p.id}`);
      out(`\nItems (${shown.items.length}):`);
      for (const i of shown.items)
        out(
          `  ${i.id}  ${i.kind.padEnd(14)} ${(i.date ?? '').padEnd(10)} ${formatBytes(i.size).padStart(9)}  ${i.title}`,
        );
      for (const p of shown.provenance) {
        out(
          `\nImported ${p.importedAt} from package ${p.packageId} (sender's vault ` +
            `${p.sourceVault})${p.updateOf === null ? '' : `, an update of package ${p.updateOf}`}.`,
        );
        out(
          `  The sender's custody record is kept: ${p.entries} ` +
            `entries${p.checkpointSize === null ? '' : `, signed checkpoint of size ${p.checkpointSize}`}.`,
        );
        for (const s of p.signers) out(`  signer ${s.name}: ${s.fingerprint}`);
      }
    });
}

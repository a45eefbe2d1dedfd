import type { Command } from 'commander';
import { VigilError } from '../../../shared/errors';
import { resolveCaseId } from '../../evidence/resolve';
import { createCaseReport, type CaseReportResult } from '../../report/case-report';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../report/labels';
import type { ReportProfile } from '../../report/report-data';
import { vaultOptions } from '../options';
import { formatBytes } from '../../../shared/format';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

type ReportOpts = SecretOptions & { json?: boolean; output: string; lang: string; profile: string; asOf?: string };

function language(value: string): ReportLanguage {
  if ((REPORT_LANGUAGES as readonly string[]).includes(value)) return value as ReportLanguage;
  throw new VigilError('INVALID_INPUT', `The report can be written in ${REPORT_LANGUAGES.join(', ')}; got "${value}".`);
}

function profile(value: string): ReportProfile {
  if (value === 'protected' || value === 'full') return value;
  throw new VigilError(
    'INVALID_INPUT',
    `A report's profile is protected (people by code unless they consented to be named) or full; got "${value}".`,
  );
}

function printResult(r: CaseReportResult): void {
  const d = r.report;
  out(`Report:   ${r.path} (${formatBytes(r.bytes)})`);
  out(`SHA-256:  ${r.sha256}`);
  out(`Signed:   ${r.signaturePath} (minisign, key fingerprint ${d.checkpoint.signer.fingerprint})`);
  out(
    `Holds:    ${d.events.length} event(s), ${d.detainees.length} detainee(s), ${d.requests.length} ` +
      `request(s), ${d.exhibits.length} exhibit(s); figures as of ${d.asOf}; profile ${d.profile}; language ` +
      `${d.lang}`,
  );
  out(`Tied to:  the checkpoint of ${d.checkpoint.size} custody entries, root ${d.checkpoint.rootHex}`);
}

/** `vigil report`: a signed PDF report of a case for filings, tied to a fresh custody checkpoint. */
export function registerReportCommand(program: Command): void {
  vaultOptions(
    program
      .command('report <dir> <case>')
      .description(
        'write a PDF report of a case (chronology, incommunicado chart, requests, exhibits, custody ' +
          'checkpoint), signed with minisign',
      ),
  )
    .requiredOption(
      '-o, --output <file>',
      'the new PDF (never overwritten); its signature is written beside it as FILE.minisig',
    )
    .option('--lang <lang>', `the report's language: ${REPORT_LANGUAGES.join(', ')}`, 'en')
    .option(
      '--profile <profile>',
      'protected (default: people by code unless they consented to be named) or full (real names)',
      'protected',
    )
    .option('--as-of <date>', 'count the figures up to this day (YYYY-MM-DD) instead of today')
    .action(async (dir: string, ref: string, opts: ReportOpts) => {
      const lang = language(opts.lang);
      const chosen = profile(opts.profile);
      const result = await withVault(dir, opts, (vault) =>
        createCaseReport(vault, {
          caseId: resolveCaseId(vault.db, ref),
          output: opts.output,
          lang,
          profile: chosen,
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
        }),
      );
      if (opts.json)
        return outJson({
          path: result.path,
          signaturePath: result.signaturePath,
          sha256: result.sha256,
          bytes: result.bytes,
          report: result.report,
        });
      printResult(result);
    });
}

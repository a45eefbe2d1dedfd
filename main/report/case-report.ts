/**
 * Makes a case report (DESIGN §9): checks the custody log, signs a fresh
 * checkpoint of it (as an export does, so the report reflects exactly the log
 * it cites), draws the PDF, writes it and its minisign signature beside it —
 * never over an existing file — and records `report.created` in the log.
 */
import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { minisignSign } from '../crypto/minisign';
import { parseCheckpoint, verifyChain } from '../custody';
import { latestCheckpoint, makeCheckpoint } from '../custody/checkpoint-store';
import { iterateStoredEntries, readCustodyHead } from '../custody/log-store';
import { getCase } from '../evidence/cases';
import { todayIso } from '../evidence/timeline';
import { namePolicy } from '../packages/export/names';
import { profileSettings } from '../packages/export/profile';
import { memberMinisignKey } from '../vault/identity';
import type { Vault } from '../vault/vault';
import { checkpointFacts } from './checkpoint-facts';
import type { ReportLanguage } from './labels';
import { renderReportPdf } from './render';
import { buildReportData, type ReportData, type ReportProfile } from './report-data';
import { assertNewFile, writeNewReportFile } from './report-file';

/** What to report on, how, and where. */
interface CaseReportOptions {
  caseId: string;
  /** The new PDF; it must not exist, nor FILE.minisig beside it. */
  output: string;
  lang: ReportLanguage;
  profile: ReportProfile;
  /** The day the figures are counted to (YYYY-MM-DD); today by default. */
  asOf?: string;
}

/** What a report produced. */
export interface CaseReportResult {
  path: string;
  signaturePath: string;
  sha256: string;
  bytes: number;
  report: ReportData;
}

/**
 * Refuses to report on a custody log that does not verify: every signature and
 * link, the latest checkpoint's root, and the stored head must agree, or the
 * report would vouch for a log that was tampered with.
 */
async function assertCustodyIntact(vault: Vault): Promise<void> {
  const stored = latestCheckpoint(vault.db);
  const parsed = stored ? parseCheckpoint(stored.note) : null;
  const chain = await verifyChain(iterateStoredEntries(vault.db), {
    vaultId: vault.vaultId,
    ...(parsed ? { checkpoint: { size: parsed.size, root: parsed.root } } : {}),
  });
  if (chain.firstBad) {
    throw new VigilError(
      'CUSTODY_BROKEN',
      `The custody log does not verify at entry ${chain.firstBad.seq} (${chain.firstBad.reason}: ` +
        `${chain.firstBad.detail}); no report was made. Run "vigil verify" on the vault and keep a copy of it as ` +
        `it is.`,
    );
  }
  const head = readCustodyHead(vault.db);
  if (head.size !== chain.size || head.frontier.root().toString('hex') !== chain.root) {
    throw new VigilError(
      'CUSTODY_BROKEN',
      `The custody log holds ${chain.size} entries but its stored head says ${head.size}: entries were removed ` +
        `or altered; no report was made. Run "vigil verify" on the vault.`,
    );
  }
}

/** Makes the report of a case as a signed PDF and records it in the custody log. */
export async function createCaseReport(vault: Vault, opts: CaseReportOptions): Promise<CaseReportResult> {
  const output = path.resolve(opts.output);
  const signaturePath = `${output}.minisig`;
  const signer = vault.requireSigner();
  const c = getCase(vault.db, opts.caseId);
  await assertNewFile(output);
  await assertNewFile(signaturePath);
  await assertCustodyIntact(vault);
  const checkpoint = checkpointFacts(await makeCheckpoint(vault.db, vault.vaultId, signer));
  const report = buildReportData(vault.db, {
    caseId: c.id,
    lang: opts.lang,
    profile: opts.profile,
    asOf: opts.asOf ?? todayIso(),
    madeAt: new Date().toISOString(),
    policy: namePolicy(vault.db, profileSettings(opts.profile)),
    checkpoint,
  });
  const pdf = await renderReportPdf(report, path.basename(output));
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const signature = await minisignSign(
    pdf,
    memberMinisignKey(vault),
    `vigil report sha256 ${sha256} checkpoint ${checkpoint.size}`,
  );
  const written: string[] = [];
  try {
    await writeNewReportFile(output, pdf);
    written.push(output);
    await writeNewReportFile(signaturePath, Buffer.from(signature));
    written.push(signaturePath);
    vault.record({
      action: 'report.created',
      subject: c.id,
      hash: sha256,
      data: { profile: opts.profile, lang: opts.lang, asOf: report.asOf, checkpointSize: checkpoint.size },
    });
  } catch (err) {
    for (const file of written) await unlink(file).catch(() => undefined);
    throw err;
  }
  return { path: output, signaturePath, sha256, bytes: pdf.length, report };
}

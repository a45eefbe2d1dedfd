/**
 * The case report of the demo case, read back as its readers would: the text
 * with pdftotext, the pages as pictures with pdftoppm, the signature with
 * minisign, the checkpoint's signature with OpenSSL.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { leafHash, merkleRoot, verifyCheckpoint } from '../../../main/custody';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { createDemoVault } from '../../../main/evidence/demo';
import { demoPeople } from '../../../main/evidence/demo-data';
import { listItems } from '../../../main/evidence/items';
import { resolveCaseId } from '../../../main/evidence/resolve';
import { createCaseReport, type CaseReportResult } from '../../../main/report/case-report';
import { reportLabels } from '../../../main/report/labels';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { hasTool } from '../../helpers/tools';
import { fastKdf, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { pdfPages, pdfText, readPpm, reddishPixels, renderPage } from './pdf-tools';

const AS_OF = '2026-11-28';
const poppler = hasTool('pdftotext', 'poppler-utils') && hasTool('pdftoppm', 'poppler-utils');

/**
 * The names and aliases the protected profile hides (no consent to be named), and the words of them a wrapped line
 * could split.
 */
const hidden = demoPeople.filter((p) => !p.named).flatMap((p) => [p.name, ...p.aliases]);
const hiddenWords = ['Melnyk', 'Melnik', 'Andrii', 'Oksana', 'cellmate'];

let dir: string;
let out: string;
let vault: Vault;
let caseId: string;
const made: Record<'en' | 'uk' | 'full', CaseReportResult | null> = { en: null, uk: null, full: null };

function report(which: keyof typeof made): CaseReportResult {
  const r = made[which];
  if (!r) throw new Error(`the ${which} report was not made`);
  return r;
}

beforeAll(async () => {
  const root = suiteTempDir('vigil-report-');
  dir = path.join(root, 'demo');
  out = path.join(root, 'out');
  mkdirSync(out);
  await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
  vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  caseId = resolveCaseId(vault.db, 'DEMO-2025-001');
  made.en = await createCaseReport(vault, {
    caseId,
    output: path.join(out, 'report-en.pdf'),
    lang: 'en',
    profile: 'protected',
    asOf: AS_OF,
  });
  made.uk = await createCaseReport(vault, {
    caseId,
    output: path.join(out, 'report-uk.pdf'),
    lang: 'uk',
    profile: 'protected',
    asOf: AS_OF,
  });
  made.full = await createCaseReport(vault, {
    caseId,
    output: path.join(out, 'report-full.pdf'),
    lang: 'en',
    profile: 'full',
    asOf: AS_OF,
  });
  return async () => vault.close();
}, 120_000);

describe('report/createCaseReport (demo case)', () => {
  it.runIf(poppler)(
    'holds the reference, a known event, every exhibit SHA-256 and the checkpoint root, as pdftotext reads them',
    () => {
      const r = report('en');
      const text = pdfText(r.path);
      expect(text).toContain('DEMO-2025-001');
      expect(text).toContain('Detained at home at dawn; equipment seized.');
      expect(text).toContain('Contact lost since 2026-04-18, not restored: 224 days without contact as of 2026-11-28.');
      const shas = listItems(vault.db, { caseId })
        .filter((i) => i.derivativeOf === null)
        .map((i) => i.sha256);
      expect(shas).toHaveLength(5);
      for (const sha of shas) expect(text).toContain(`SHA-256 ${sha}`);
      expect(text).toContain(r.report.checkpoint.rootHex);
      expect(text).toContain(r.report.checkpoint.rootBase64);
      expect(text).toContain(
        `minisign -Vm report-en.pdf -x report-en.pdf.minisig -P ${r.report.checkpoint.signer.minisignKeyLine}`,
      );
    },
  );

  it('cites a checkpoint whose root is that of the custody log entries it counts, signed by the member', async () => {
    const cp = report('en').report.checkpoint;
    const leaves = [...iterateStoredEntries(vault.db)]
      .filter((e) => e.seq < cp.size)
      .map((e) => leafHash(Buffer.from(e.canonical, 'utf8')));
    expect(merkleRoot(leaves).toString('hex')).toBe(cp.rootHex);
    expect((await verifyCheckpoint(cp.note, [Buffer.from(cp.signer.publicKeyHex, 'hex')])).ok).toBe(true);
  });

  it('is recorded in the custody log as report.created with the SHA-256 of the file written', () => {
    const r = report('full');
    expect(createHash('sha256').update(readFileSync(r.path)).digest('hex')).toBe(r.sha256);
    const entries = [...iterateStoredEntries(vault.db)].map(
      (e) =>
        JSON.parse(e.canonical) as { action: string; subject: string; hash: string; data: Record<string, unknown> },
    );
    const recorded = entries.filter((e) => e.action === 'report.created');
    expect(recorded.map((e) => e.hash)).toEqual([report('en').sha256, report('uk').sha256, r.sha256]);
    expect(recorded[2]).toMatchObject({
      subject: caseId,
      data: { profile: 'full', lang: 'en', asOf: AS_OF, checkpointSize: r.report.checkpoint.size },
    });
  });

  it.runIf(poppler)('writes Ukrainian in Cyrillic with the DejaVu fonts embedded', () => {
    const r = report('uk');
    const text = pdfText(r.path);
    const l = reportLabels('uk');
    for (const words of [
      l.docTitle.toUpperCase(),
      l.chronology,
      l.eventTypes.contact_lost,
      l.register,
      l.custody,
      'Зв’язок втрачено з 2026-04-18',
    ])
      expect(text).toContain(words);
    const fonts = spawnSync('pdffonts', [r.path], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/DejaVuSans\s.*\syes\s+yes\s+yes/);
    expect(fonts).toMatch(/DejaVuSans-Bold\s.*\syes\s+yes\s+yes/);
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
  });

  it.runIf(poppler)(
    'names protected people by code only under the protected profile, in the PDF and in its data',
    () => {
      for (const r of [report('en'), report('uk')]) {
        const text = pdfText(r.path);
        for (const name of [...hidden, ...hiddenWords])
          expect(text, `${path.basename(r.path)} shows "${name}"`).not.toContain(name);
        for (const code of ['D-001', 'R-001', 'W-001']) expect(text).toContain(code);
        const data = JSON.stringify(r.report);
        for (const name of [...hidden, ...hiddenWords]) expect(data).not.toContain(name);
      }
    },
  );

  it.runIf(poppler)('shows the real names under the full profile', () => {
    const text = pdfText(report('full').path);
    for (const p of demoPeople) expect(text).toContain(p.name);
  });

  it.runIf(poppler)('draws the incommunicado chart: the page that holds it renders red bands', () => {
    const r = report('en');
    const l = reportLabels('en');
    const pages = Array.from({ length: pdfPages(r.path) }, (_, i) => i + 1);
    const chartPage = pages.find((p) => pdfText(r.path, p).includes(l.chartTitle));
    expect(chartPage).toBeDefined();
    const pic = readPpm(renderPage(r.path, chartPage ?? 0, 40, path.join(out, 'chart'), 'ppm'));
    expect(reddishPixels(pic)).toBeGreaterThan(300);
    const cover = readPpm(renderPage(r.path, 1, 40, path.join(out, 'cover'), 'ppm'));
    expect(reddishPixels(cover)).toBeLessThan(50);
    const png = renderPage(r.path, 1, 100, path.join(out, 'page1'));
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });
});

/**
 * "Print / save report" on the demo case's overview: the language and profile,
 * the file from the (scripted) save dialog, and the PDF and its signature on
 * disk, with the SHA-256 the dialog shows, recorded in the custody log (read with `vigil log` once the
 * page has locked the vault). Axe on the dialog.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectNoSeriousA11yViolations } from '../a11y';
import { DEMO_PASSPHRASE, expect, test } from '../fixtures';
import { custodyLog, lockFromPage } from '../outside';
import { CasesPage } from '../pages/cases-page';
import { saveScreenshot } from '../screenshots';
import { hasTool } from '../../helpers/tools';

test('saves the case report in Ukrainian under the protected profile to the file chosen in the save dialog', async ({
  app,
  demo,
  vaultDir,
}) => {
  const { page } = app;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-report-e2e-'));
  await new CasesPage(page).openCase('Incommunicado detention');
  await page.getByRole('button', { name: 'Print / save report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Case report (PDF)' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Protected (recommended)' })).toBeChecked();
  await dialog.getByText('Українська').click();
  await expectNoSeriousA11yViolations(page, 'case report dialog');
  const output = path.join(dir, 'vigil-report.pdf');
  app.core.dialogs.nextSaveFile = output;
  await dialog.getByRole('button', { name: 'Choose where to save…' }).click();
  const done = dialog.getByRole('status');
  await expect(done).toContainText('Report written');
  await saveScreenshot(page, 'case-report-dialog');
  const sha = createHash('sha256').update(fs.readFileSync(output)).digest('hex');
  await expect(done).toContainText(sha);
  expect(fs.existsSync(`${output}.minisig`)).toBe(true);
  await lockFromPage(app);
  const last = custodyLog(vaultDir, DEMO_PASSPHRASE).at(-1);
  expect(last).toMatchObject({ action: 'report.created', subject: demo.caseId, hash: sha, data: { lang: 'uk' } });
  if (hasTool('pdftotext', 'poppler-utils')) {
    const text = spawnSync('pdftotext', [output, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Хронологія подій');
    expect(text).not.toContain('Andriy Melnyk');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

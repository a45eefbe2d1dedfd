import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDemoVault } from '../../../main/evidence/demo';
import { fastKdf } from '../../helpers/kdf';
import { expectNoSeriousA11yViolations } from '../a11y';
import { DEMO_PASSPHRASE, expect, test } from '../fixtures';
import { CustodyPage } from '../pages/custody-page';
import { UnlockPage } from '../pages/unlock-page';
import { saveScreenshot } from '../screenshots';

/** Moves the pointer off the controls, so axe sees colours at rest rather than under the pointer. */
async function pointerAway(page: import('@playwright/test').Page): Promise<void> {
  await page.mouse.move(1, 790);
}

/** Flips one byte in the middle of the first stored object; returns the object's id. */
function flipAByte(vaultDir: string): string {
  const blobs = path.join(vaultDir, 'blobs');
  const shard = readdirSync(blobs).sort()[0] ?? '';
  const name = readdirSync(path.join(blobs, shard)).find((f) => f.endsWith('.age')) ?? '';
  const file = path.join(blobs, shard, name);
  const bytes = readFileSync(file);
  const mid = Math.floor(bytes.length / 2);
  bytes.writeUInt8(bytes.readUInt8(mid) ^ 0x01, mid);
  writeFileSync(file, bytes);
  return name.replace(/\.age$/, '');
}

test('the custody screen lists readable entries, and Verify reports that everything holds', async ({ app, demo }) => {
  const page = app.page;
  const custody = new CustodyPage(page);
  await custody.goto();
  const log = custody.log();
  await expect(log.getByRole('listitem').first()).toBeVisible();
  // Readable sentences: the member's name, the action in words, and what it was about (person codes, not names).
  await expect(log).toContainText('Demo investigator (fictional) revised the transcript of the interview with');
  await expect(log).toContainText('(revision 1)');
  await expect(page.getByText(/^Entries: \d+$/)).toBeVisible();
  await expect(page.getByText(/signed by Demo investigator \(fictional\)/)).toBeVisible();
  await pointerAway(page);
  await expectNoSeriousA11yViolations(page, 'custody log');
  await saveScreenshot(page, 'custody-log');

  const report = await custody.verify();
  await expect(report).toContainText('Everything holds');
  await expect(custody.findings(report).filter({ hasText: 'Failed' })).toHaveCount(0);
  await expect(custody.findings(report).filter({ hasText: 'Stored object' })).toContainText('Holds');
  await pointerAway(page);
  await expectNoSeriousA11yViolations(page, 'custody verify report');
  await saveScreenshot(page, 'custody-verify-report');

  await page.getByRole('button', { name: 'Make checkpoint' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Checkpoint made over' })).toBeVisible();
  expect(demo.caseId).not.toBe('');
});

test('the case workspace custody tab shows the entries about that case', async ({ app, demo }) => {
  const page = app.page;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
  await page.getByText('Incommunicado detention of a regional journalist').first().click();
  await page.getByRole('tab', { name: 'Custody' }).click();
  const log = page.getByRole('list', { name: 'Custody entries, newest first' });
  await expect(log).toContainText('recorded an interview with');
  // Scroll to the oldest entry: the case's first entry is its opening, not the vault's creation.
  await expect(async () => {
    await log.getByRole('listitem').first().hover();
    await page.mouse.wheel(0, 20_000);
    await expect(log.getByRole('listitem').last()).toContainText('opened the case', { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(log).not.toContainText('created the vault');
  await expect(log).toContainText('added the item');
  await pointerAway(page);
  await expectNoSeriousA11yViolations(page, 'case custody tab');
  expect(demo.caseId).not.toBe('');
});

test('a tampered vault shows the failure: the check, the object and the item it belongs to', async ({
  app,
  vaultDir,
}) => {
  await createDemoVault(vaultDir, DEMO_PASSPHRASE, await fastKdf());
  const objectId = flipAByte(vaultDir);
  const page = app.page;
  await new UnlockPage(page).unlock(vaultDir, DEMO_PASSPHRASE);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const custody = new CustodyPage(page);
  await custody.goto();
  const report = await custody.verify();
  await expect(report).toContainText('Problems were found');
  const failed = custody.findings(report).filter({ hasText: 'Failed' });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('Stored object');
  await expect(failed).toContainText(objectId);
  await expect(failed).toContainText('cannot be decrypted');
  await pointerAway(page);
  await expectNoSeriousA11yViolations(page, 'custody tampered report');
  await saveScreenshot(page, 'custody-tampered');
});

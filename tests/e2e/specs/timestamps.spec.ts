import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasTool } from '../../helpers/tools';
import { makeTestTsa } from '../../helpers/test-tsa';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../fixtures';
import { CustodyPage } from '../pages/custody-page';
import { saveScreenshot } from '../screenshots';

test(
  'the custody screen saves a timestamp request, refuses a ' + 'reply from an untrusted TSA and attaches a good one',
  async ({ app, demo }) => {
    test.skip(!hasTool('openssl'), 'openssl is not installed');
    const page = app.page;
    const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-tsa-'));
    try {
      const tsa = makeTestTsa(work);
      const custody = new CustodyPage(page);
      await custody.goto();
      await expect(page.getByRole('heading', { name: 'Trusted timestamp' })).toBeVisible();
      await expect(page.getByText('No timestamp attached yet.')).toBeVisible();

      const tsq = path.join(work, 'vigil-checkpoint.tsq');
      app.core.dialogs.nextSaveFile = tsq;
      await page.getByRole('button', { name: 'Save a timestamp request…' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'was saved as vigil-checkpoint.tsq' })).toBeVisible();
      expect(existsSync(tsq)).toBe(true);
      await expect(page.getByText('Requests waiting for a reply: 1.')).toBeVisible();

      // Two dialogs in a row: the reply, then the TSA's CA certificate.
      const answers: string[][] = [];
      app.core.dialogs.openFiles = async () => answers.shift() ?? [];
      const reply = path.join(work, 'reply.tsr');
      writeFileSync(reply, readFileSync(tsa.reply(tsq, 'other-ca')));
      answers.push([reply], [tsa.caPem]);
      await page.getByRole('button', { name: 'Attach the timestamp reply…' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'does not lead to a root certificate' })).toContainText(
        'Nothing was recorded.',
      );

      writeFileSync(reply, readFileSync(tsa.reply(tsq)));
      answers.push([reply], [tsa.caPem]);
      await page.getByRole('button', { name: 'Attach the timestamp reply…' }).click();
      const done = page.getByRole('status').filter({ hasText: 'Timestamp attached' });
      await expect(done).toContainText('existed no later than');
      await expect(done).toContainText('Root certificate SHA-256');
      await expect(
        page.getByRole('list', { name: 'Attached timestamps, newest first' }).getByRole('listitem'),
      ).toHaveCount(1);
      await expect(custody.log()).toContainText('attached a trusted timestamp');
      await page.mouse.move(1, 790);
      await expectNoSeriousA11yViolations(page, 'custody timestamps');
      await saveScreenshot(page, 'custody-timestamp');
      expect(demo.caseId).not.toBe('');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
);

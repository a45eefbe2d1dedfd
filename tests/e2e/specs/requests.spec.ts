import { expectNoSeriousA11yViolations } from '../a11y';
import { CasesPage } from '../pages/cases-page';
import { RequestsPage } from '../pages/requests-page';
import { saveScreenshot } from '../screenshots';
import { expect, test } from '../fixtures';

test.describe('requests', () => {
  test('demo case: the register with counts and a filter; add a request and record a denial', async ({ app, demo }) => {
    const { page } = app;
    await new CasesPage(page).openCase('Incommunicado detention');
    const requests = new RequestsPage(page);
    await requests.open();
    await expect(requests.table().getByRole('row')).toHaveCount(1 + demo.counts.requests);
    const before = await requests.readCounts();
    expect(before.total).toBe(demo.counts.requests);
    expect(before.unanswered).toBeGreaterThan(0);
    expect(before.unanswered).toBeLessThan(before.total);
    await expectNoSeriousA11yViolations(page, 'requests');
    await saveScreenshot(page, 'case-requests');

    await requests.filter('Unanswered');
    await expect(requests.table().getByRole('row')).toHaveCount(1 + before.unanswered);
    await requests.filter('Answered');
    await expect(requests.table().getByRole('row')).toHaveCount(1 + before.total - before.unanswered);
    await requests.filter('All');

    const recipient = 'Regional Prosecutor (test)';
    await requests.add({
      date: '2026-05-02',
      recipient,
      by: 'L-001',
      channel: 'registered letter',
      about: 'Where is he held, and why is the lawyer refused?',
    });
    await expect(requests.counts()).toHaveText(`Requests: ${before.total + 1}, unanswered: ${before.unanswered + 1}`);
    const row = requests.table().getByRole('row').filter({ hasText: recipient });
    await expect(row).toContainText('L-001');
    await expect(row).toContainText('No answer recorded');

    await requests.answer('2026-05-02', recipient, {
      date: '2026-05-20',
      kind: 'Denial',
      note: 'Information about convicts is not disclosed.',
    });
    await expect(requests.counts()).toHaveText(`Requests: ${before.total + 1}, unanswered: ${before.unanswered}`);
    await expect(row).toContainText('Denial');
    await expect(row).toContainText('2026-05-20');
    await expect(row).toContainText('Information about convicts is not disclosed.');
  });
});

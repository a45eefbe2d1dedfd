import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../fixtures';

test('the demo vault unlocks into the workspace, which passes axe', async ({ app, demo }) => {
  expect(demo.counts.people).toBeGreaterThan(0);
  await expect(app.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expectNoSeriousA11yViolations(app.page, 'workspace');
});

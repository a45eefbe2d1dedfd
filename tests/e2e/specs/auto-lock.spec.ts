/**
 * The renderer's side of the auto-lock: when the core locks the session (idle
 * time, suspend, screen lock), the window shows the unlock screen with the
 * reason, and nothing read from the vault stays in the page.
 */
import { getCase } from '../../../main/evidence/cases';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, inProcessTest as test } from '../fixtures';

test(
  'an idle lock from the core shows the unlock screen with ' + 'the idle notice and clears the case from the page',
  async ({ app, demo }) => {
    const title = getCase(app.core.services.session.requireVault().db, demo.caseId).title;
    await app.page.getByText(title, { exact: true }).click();
    await expect(app.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();

    await app.core.services.session.lock('idle');

    await expect(app.page.getByText('Vigil locked the vault because it was left idle.')).toBeVisible();
    await expect(app.page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    const html = await app.page.content();
    expect(html).not.toContain(title);
    await expectNoSeriousA11yViolations(app.page, 'unlock screen with the idle notice');
  },
);

test('a lock on system suspend names its reason on the unlock screen', async ({ app, demo }) => {
  expect(demo.caseId).not.toBe('');
  await app.core.services.session.lock('suspend');
  await expect(app.page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
  await expect(app.page.getByText('Vigil locked the vault when the computer went to sleep.')).toBeVisible();
});

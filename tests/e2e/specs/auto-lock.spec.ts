/**
 * The renderer's side of the auto-lock: when the core locks the session (idle
 * time, suspend, screen lock), the window shows the unlock screen with the
 * reason, and nothing read from the vault stays in the page.
 */
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../fixtures';

test(
  'an idle lock from the core shows the unlock screen with ' + 'the idle notice and clears the case from the page',
  async ({ app, demo }) => {
    const got = await app.core.host.call('cases:get', { id: demo.caseId });
    if (!got.ok) throw new Error(got.error.message);
    const title = (got.value as { title: string }).title;
    await app.page.getByText(title, { exact: true }).click();
    await expect(app.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();

    // As the host's auto-lock does: tasks cancelled, then the session locked with the reason.
    await app.core.lock('idle');

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
  await app.core.lock('suspend');
  await expect(app.page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
  await expect(app.page.getByText('Vigil locked the vault when the computer went to sleep.')).toBeVisible();
});

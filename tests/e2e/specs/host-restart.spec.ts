/**
 * The core host dies (a crash in a native library, the out-of-memory killer): the harness, as Electron main does,
 * starts a new one; the window goes back to its unlock screen, says what happened, shows nothing read from the
 * vault, and after unlocking again everything is there (DESIGN §1, "The core host").
 */
import { expectNoSeriousA11yViolations } from '../a11y';
import { DEMO_PASSPHRASE, expect, test } from '../fixtures';
import { UnlockPage } from '../pages/unlock-page';

test('a killed core host is started again: the unlock screen says why, and the case is back after unlocking', async ({
  app,
  demo,
  vaultDir,
}) => {
  const got = await app.core.host.call('cases:get', { id: demo.caseId });
  if (!got.ok) throw new Error(got.error.message);
  const title = (got.value as { title: string }).title;
  await app.page.getByText(title, { exact: true }).click();
  await expect(app.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const before = app.core.pid;

  await app.core.crashHost();

  expect(app.core.pid).not.toBe(before);
  await expect(app.page.getByText(/Part of Vigil stopped unexpectedly and was started again/)).toBeVisible();
  await expect(app.page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
  await expect(app.page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  expect(await app.page.content()).not.toContain(title);
  await expectNoSeriousA11yViolations(app.page, 'unlock screen after the core host was restarted');

  await new UnlockPage(app.page).unlock(vaultDir, DEMO_PASSPHRASE);
  await expect(app.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(app.page.getByText(title, { exact: true })).toBeVisible();
});

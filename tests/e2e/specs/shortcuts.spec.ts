/** Keyboard shortcuts and the native menu's Go choices (the app:menu event) open their screens. */
import { expect, test } from '../fixtures';

test('Ctrl+K opens search, Ctrl+, opens settings, and a menu choice from the shell opens its screen', async ({
  app,
  demo,
}) => {
  expect(demo.caseId).not.toBe('');
  const nav = app.page.getByRole('navigation', { name: 'Main' });
  await app.page.keyboard.press('Control+k');
  await expect(nav.getByRole('button', { name: 'Search' })).toHaveAttribute('aria-current', 'page');
  await app.page.keyboard.press('Control+Comma');
  await expect(nav.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  app.core.emit('app:menu', { action: 'custody' });
  await expect(nav.getByRole('button', { name: 'Custody' })).toHaveAttribute('aria-current', 'page');
  app.core.emit('app:menu', { action: 'cases' });
  await expect(nav.getByRole('button', { name: 'Cases' })).toHaveAttribute('aria-current', 'page');
  app.core.emit('app:menu', { action: 'receive' });
  await expect(app.page.getByRole('heading', { name: 'Receive a package', level: 1 })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Cases' })).toHaveAttribute('aria-current', 'page');
});

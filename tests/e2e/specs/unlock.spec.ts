import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UnlockPage } from '../pages/unlock-page';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';

test.describe('create, lock and unlock', () => {
  test('creates a vault, shows the recovery code once, locks and unlocks', async ({ app, vaultDir }) => {
    const { page } = app;
    const unlock = new UnlockPage(page);
    const code = await unlock.createVault('Investigator One', E2E_PASSPHRASE);
    expect(code).toMatch(/^[0-9A-Z-]{20,}$/);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByText('Signed in as Investigator One')).toBeVisible();

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
    expect(await app.core.host.call('vault:state', {})).toMatchObject({ ok: true, value: { unlocked: false } });

    await unlock.unlock(vaultDir, E2E_PASSPHRASE);
    await expect(page.getByText('Signed in as Investigator One')).toBeVisible();
  });

  test('after a crash, unlocking says what it put right, until the notice is closed', async ({ app, vaultDir }) => {
    const { page } = app;
    const unlock = new UnlockPage(page);
    await unlock.createVault('Investigator One', E2E_PASSPHRASE);
    await page.getByRole('button', { name: 'Lock' }).click();
    // What a killed add and a killed passphrase change leave: an object never recorded, a header never recorded.
    mkdirSync(path.join(vaultDir, 'blobs', 'staged'), { recursive: true });
    writeFileSync(path.join(vaultDir, 'blobs', 'staged', `${'d'.repeat(32)}.age`), 'x');
    writeFileSync(
      path.join(vaultDir, 'vault.json.pending'),
      `${readFileSync(path.join(vaultDir, 'vault.json'), 'utf8')} `,
    );
    await unlock.unlock(vaultDir, E2E_PASSPHRASE);
    const notice = page.getByRole('status').filter({ hasText: 'Vigil put right what an interruption left' });
    await expect(notice).toContainText('had not been recorded, so it did not happen');
    await expect(notice).toContainText('never recorded were removed: 1.');
    expect(existsSync(path.join(vaultDir, 'vault.json.pending'))).toBe(false);
    await notice.getByRole('button', { name: 'Close' }).click();
    await expect(notice).toHaveCount(0);
  });

  test('a wrong passphrase gets a clear error and the vault stays locked', async ({ app, vaultDir }) => {
    const { page } = app;
    const unlock = new UnlockPage(page);
    await unlock.createVault('Investigator One', E2E_PASSPHRASE);
    await page.getByRole('button', { name: 'Lock' }).click();
    await unlock.unlock(vaultDir, 'not the passphrase');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Wrong passphrase');
    expect(await app.core.host.call('vault:state', {})).toMatchObject({ ok: true, value: { unlocked: false } });
  });

  test('a weak passphrase cannot create a vault', async ({ app }) => {
    const { page } = app;
    await page.getByText('Create a vault', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Create a vault' });
    await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill('password1');
    await expect(form.getByText(/Very weak|Weak\./)).toBeVisible();
    await expect(form.getByRole('button', { name: 'Create vault' })).toBeDisabled();
  });

  test('the copied recovery code is cleared from the clipboard after 30 seconds', async ({ app }) => {
    const { page } = app;
    await page.getByText('Create a vault', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Create a vault' });
    await form.getByRole('button', { name: 'Choose…' }).click();
    await form.getByLabel('Your name').fill('Investigator One');
    await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(E2E_PASSPHRASE);
    await form.getByLabel('Repeat the passphrase').fill(E2E_PASSPHRASE);
    await form.getByRole('button', { name: 'Create vault' }).click();
    const code = ((await page.getByTestId('recovery-code').textContent()) ?? '').trim();
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByText(/clears it from the clipboard after 30 seconds/)).toBeVisible();
    expect(app.core.clipboard).toEqual({ text: code, clearAfterMs: 30_000 });
  });
});

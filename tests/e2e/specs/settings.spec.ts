import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { encodeRecipient } from '../../../main/crypto/age';
import { createDemoVault } from '../../../main/evidence/demo';
import { SettingsStore } from '../../../main/settings/settings-store';
import { fastKdf } from '../../helpers/kdf';
import { hasTool } from '../../helpers/tools';
import { expectNoSeriousA11yViolations } from '../a11y';
import { DEMO_PASSPHRASE, expect, test } from '../fixtures';
import { SettingsPage } from '../pages/settings-page';
import { chooseVaultFolder, UnlockPage } from '../pages/unlock-page';
import { saveScreenshot } from '../screenshots';

const NEW_PASSPHRASE = 'harbour violet compass forty-two';

/** A recipient key made by the real `age-keygen` when it is installed, else by the core's own encoder. */
function freshAgeRecipient(): string {
  if (hasTool('age-keygen')) {
    const made = spawnSync('age-keygen', [], { encoding: 'utf8' });
    const line = /public key: (age1[0-9a-z]+)/.exec(made.stderr + made.stdout);
    if (line?.[1] !== undefined) return line[1];
  }
  return encodeRecipient(new Uint8Array(randomBytes(32)));
}

test('change the passphrase, lock, and unlock with the new one', async ({ app, demo, vaultDir }) => {
  const page = app.page;
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(page.getByRole('list', { name: 'Members of this vault' })).toContainText(
    'Demo investigator (fictional)',
  );
  await page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(page, 'settings');
  await saveScreenshot(page, 'settings');

  await settings.changePassphrase('not the passphrase', NEW_PASSPHRASE);
  await expect(settings.passphraseForm().getByRole('alert')).toContainText(/passphrase/i);
  await settings.changePassphrase(DEMO_PASSPHRASE, NEW_PASSPHRASE);
  await expect(page.getByRole('status').filter({ hasText: 'Your passphrase was changed' })).toBeVisible();

  await page.getByRole('button', { name: 'Lock' }).click();
  const unlock = new UnlockPage(page);
  await unlock.unlock(vaultDir, DEMO_PASSPHRASE);
  await expect(page.getByRole('alert')).toBeVisible();
  await unlock.unlock(vaultDir, NEW_PASSPHRASE);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(demo.caseId).not.toBe('');
});

test("the address book refuses a bad key with the core's reason and lists a good one", async ({ app, demo }) => {
  const page = app.page;
  const settings = new SettingsPage(page);
  await settings.goto();
  await settings.addRecipient('UN Working Group (fictional)', 'age1thisisnotakey');
  const keyField = settings.recipientForm().getByRole('textbox', { name: 'Their age key', exact: true });
  await expect(keyField).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.recipientForm()).toContainText('That is not a valid age recipient');
  await expect(settings.recipients().getByRole('listitem')).toHaveCount(0);

  const key = freshAgeRecipient();
  await keyField.fill(key);
  await settings.recipientForm().getByRole('button', { name: 'Add recipient' }).click();
  const row = settings.recipients().getByRole('listitem').filter({ hasText: 'UN Working Group (fictional)' });
  await expect(row).toContainText(key);
  await expect(row).toContainText(/Fingerprint [0-9A-Z]{4} /);
  await expect(keyField).not.toHaveAttribute('aria-invalid', 'true');
  expect(demo.caseId).not.toBe('');
});

test('switching the language to Ukrainian relabels the navigation at once, and it is saved', async ({ app, demo }) => {
  const page = app.page;
  const settings = new SettingsPage(page);
  await settings.goto();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('uk');
  const nav = page.getByRole('navigation', { name: 'Головне' });
  await expect(nav.getByRole('button', { name: 'Справи' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Пошук' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Налаштування', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  // Saved by the core host, in the settings file main reads the menu's language from at the next start.
  expect(new SettingsStore(app.core.settingsFile).current().language).toBe('uk');
  await page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(page, 'settings in Ukrainian');
  expect(demo.caseId).not.toBe('');
});

test('after unlocking with the recovery code, the app opens Settings and leads to a new passphrase first', async ({
  app,
  vaultDir,
}) => {
  const page = app.page;
  const made = await createDemoVault(vaultDir, DEMO_PASSPHRASE, await fastKdf());
  const form = page.getByRole('form', { name: 'Unlock a vault' });
  await chooseVaultFolder(form, vaultDir);
  await page.getByRole('button', { name: 'I lost my passphrase: use the recovery code' }).click();
  await form.getByRole('textbox', { name: 'Recovery code', exact: true }).fill(made.recoveryCode);
  await form.getByRole('button', { name: 'Unlock' }).click();

  const settings = new SettingsPage(page);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Set a new passphrase first' })).toBeVisible();
  await settings.changePassphrase(made.recoveryCode, NEW_PASSPHRASE, 'Recovery code');
  await expect(page.getByRole('status').filter({ hasText: 'You also have a new signing key' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Set a new passphrase first' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Lock' }).click();
  await new UnlockPage(page).unlock(vaultDir, NEW_PASSPHRASE);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test(
  'replace the recovery code: the old code stops working, ' + 'the new one unlocks and asks for a new passphrase',
  async ({ app, demo, vaultDir }) => {
    const page = app.page;
    const settings = new SettingsPage(page);
    await settings.goto();
    await settings.replaceRecoveryCode('not the passphrase');
    await expect(settings.recoveryDialog().getByRole('alert')).toContainText(/passphrase/i);
    await page.mouse.move(1, 790);
    await expectNoSeriousA11yViolations(page, 'replace recovery code dialog');
    await settings
      .recoveryDialog()
      .getByLabel(/^Current passphrase/)
      .fill(DEMO_PASSPHRASE);
    await settings.recoveryDialog().getByRole('button', { name: 'Make a new code' }).click();
    await expect(settings.recoveryDialog().getByRole('alert')).toContainText(
      'The old recovery code no longer opens the vault',
    );
    await expectNoSeriousA11yViolations(page, 'new recovery code dialog');
    const newCode = await settings.keepNewRecoveryCode();
    expect(newCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    expect(newCode).not.toBe(demo.recoveryCode);

    await page.getByRole('button', { name: 'Lock' }).click();
    await settings.unlockWithRecoveryCode(vaultDir, demo.recoveryCode);
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await settings.unlockWithRecoveryCode(vaultDir, newCode);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Set a new passphrase first' })).toBeVisible();
  },
);

/** The settings screen as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';
import { chooseVaultFolder } from './unlock-page';

/** Page object of the settings screen. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  /** Goes to the settings screen through the navigation rail. */
  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  }

  /** The change-passphrase form. */
  passphraseForm(): Locator {
    return this.page.getByRole('form', { name: 'Your passphrase' });
  }

  /** Changes the passphrase from `current` to `next` and waits for the confirmation. */
  async changePassphrase(current: string, next: string, currentLabel = 'Current passphrase'): Promise<void> {
    const form = this.passphraseForm();
    await form.getByLabel(currentLabel).fill(current);
    await form.getByLabel(/^New passphrase/).fill(next);
    await form.getByLabel('Repeat the new passphrase').fill(next);
    await form.getByRole('button', { name: 'Change passphrase' }).click();
  }

  /** The add-recipient form. */
  recipientForm(): Locator {
    return this.page.getByRole('form', { name: 'Add a recipient' });
  }

  /** Fills and submits the add-recipient form. */
  async addRecipient(name: string, key: string): Promise<void> {
    const form = this.recipientForm();
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await form.getByRole('textbox', { name: 'Their age key', exact: true }).fill(key);
    await form.getByRole('button', { name: 'Add recipient' }).click();
  }

  /** The address book list. */
  recipients(): Locator {
    return this.page.getByRole('list', { name: 'Recipients' });
  }

  /** The replace-recovery-code dialog. */
  recoveryDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Replace the recovery code' });
  }

  /** Opens the dialog and submits `current`; the caller checks what the dialog shows. */
  async replaceRecoveryCode(current: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Replace the recovery code' }).click();
    const dialog = this.recoveryDialog();
    await dialog.getByLabel(/^Current passphrase/).fill(current);
    await dialog.getByRole('button', { name: 'Make a new code' }).click();
  }

  /** The new code the dialog shows once, after confirming it was kept the dialog closes. */
  async keepNewRecoveryCode(): Promise<string> {
    const dialog = this.recoveryDialog();
    const code = ((await dialog.getByTestId('recovery-code').textContent()) ?? '').trim();
    await dialog.getByLabel('I have written down or printed the recovery code.').check();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog).toBeHidden();
    return code;
  }

  /** Unlocks from the locked window with a recovery code instead of a passphrase. */
  async unlockWithRecoveryCode(dir: string, code: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Unlock a vault' });
    await chooseVaultFolder(form, dir);
    const codeField = form.getByRole('textbox', { name: 'Recovery code', exact: true });
    if (!(await codeField.isVisible()))
      await form.getByRole('button', { name: 'I lost my passphrase: use the recovery code' }).click();
    await codeField.fill(code);
    await form.getByRole('button', { name: 'Unlock' }).click();
  }
}

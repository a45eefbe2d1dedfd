/** The settings screen as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';

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
}

/** The unlock and create screens, as a person uses them. */
import type { Page } from '@playwright/test';

/** Page object of the locked window. */
export class UnlockPage {
  constructor(private readonly page: Page) {}

  /** Creates a vault in the folder the scripted dialog answers with; returns the recovery code shown. */
  async createVault(name: string, passphrase: string): Promise<string> {
    const page = this.page;
    await page.getByText('Create a vault', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Create a vault' });
    await form.getByRole('button', { name: 'Choose…' }).click();
    await form.getByLabel('Your name').fill(name);
    await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(passphrase);
    await form.getByLabel('Repeat the passphrase').fill(passphrase);
    await form.getByRole('button', { name: 'Create vault' }).click();
    const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
    await page.getByLabel('I have written down or printed the recovery code.').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    return code.trim();
  }

  /** Unlocks the vault in `dir` with a passphrase. */
  async unlock(dir: string, passphrase: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Unlock a vault' });
    await form.getByLabel('Vault folder').fill(dir);
    await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(passphrase);
    await form.getByRole('button', { name: 'Unlock' }).click();
  }
}

/** The unlock and create screens, as a person uses them. */
import { expect, type Locator, type Page } from '@playwright/test';

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
    await chooseVaultFolder(form, dir);
    await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(passphrase);
    await form.getByRole('button', { name: 'Unlock' }).click();
  }
}

/**
 * Makes the form's vault folder `dir`: kept when the app already offers it (the
 * folder opened last), else chosen with the folder dialog, whose scripted answer
 * is the test's vault folder (launchApp's vaultDir). The window cannot type a folder.
 */
export async function chooseVaultFolder(form: Locator, dir: string): Promise<void> {
  const field = form.getByLabel('Vault folder');
  if ((await field.inputValue()) !== dir) await form.getByRole('button', { name: 'Choose…' }).click();
  await expect(field).toHaveValue(dir);
}

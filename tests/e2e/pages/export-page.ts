/** The export wizard of a case, as a person uses it. */
import { expect, type Page } from '@playwright/test';
import type { LaunchedApp } from '../harness';

/** Page object of the Export tab. */
export class ExportPage {
  readonly page: Page;

  constructor(private readonly app: LaunchedApp) {
    this.page = app.page;
  }

  /** Opens the case titled `title` from the cases list and its Export tab. */
  async open(title: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await this.page.getByText(title, { exact: true }).click();
    await expect(this.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await this.page.getByRole('tab', { name: 'Export' }).click();
    await expect(this.page.getByRole('heading', { name: 'Export a sealed package' })).toBeVisible();
  }

  /** The current step's panel. */
  step(name: string): ReturnType<Page['getByRole']> {
    return this.page.getByRole('region', { name });
  }

  /** Moves to the next step. */
  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next' }).click();
  }

  /** On the seal step: seals to the pasted age keys. */
  async sealToKeys(keys: string[]): Promise<void> {
    await this.page.getByRole('radio', { name: 'Recipients with an age key' }).check();
    await this.page.getByLabel('Age keys').fill(keys.join('\n'));
  }

  /** On the seal step: seals to a passphrase. */
  async sealToPassphrase(passphrase: string): Promise<void> {
    await this.page.getByRole('radio', { name: 'Anyone with a passphrase' }).check();
    await this.page.getByLabel('Package passphrase').fill(passphrase);
    await this.page.getByLabel('Repeat the passphrase').fill(passphrase);
  }

  /** On the run step: answers the save dialog with `output` and starts the export. */
  async exportTo(output: string): Promise<void> {
    this.app.core.dialogs.nextSaveFile = output;
    await this.page.getByRole('button', { name: 'Save as…' }).click();
    await expect(this.page.getByText(output)).toBeVisible();
    await this.page.getByRole('button', { name: 'Export', exact: true }).click();
  }

  /** Waits for the result and returns the fingerprints shown (signer first). */
  async result(): Promise<{ sha256: string; signer: string }> {
    await expect(this.page.getByText('The package is sealed')).toBeVisible({ timeout: 30_000 });
    const table = this.page.getByRole('table', { name: 'The package' });
    const sha256 =
      (await table
        .getByRole('row', { name: /SHA-256/ })
        .getByRole('cell')
        .textContent()) ?? '';
    const prints = this.page.getByRole('table', { name: 'Fingerprints' });
    const signer =
      (await prints
        .getByRole('row', { name: /Your signing key/ })
        .getByRole('cell')
        .textContent()) ?? '';
    return { sha256: sha256.trim(), signer: signer.trim() };
  }
}

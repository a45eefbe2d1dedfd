/** The receive-a-package screen, as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { LaunchedApp } from '../harness';

/** Page object of the receive screen. */
export class ReceivePage {
  constructor(private readonly app: LaunchedApp) {}

  private get page(): Page {
    return this.app.page;
  }

  /** Goes to Cases, then to "Receive a package…". */
  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await this.page.getByRole('button', { name: 'Receive a package…' }).click();
    await expect(this.page.getByRole('heading', { name: 'Receive a package', level: 1 })).toBeVisible();
  }

  /**
   * Chooses `file` in the (scripted) open dialog, types its passphrase if given, and checks it; resolves to the report.
   */
  async check(file: string, passphrase?: string): Promise<Locator> {
    this.app.core.dialogs.nextOpenFiles = [file];
    await this.page.getByRole('button', { name: 'Choose package…' }).click();
    await expect(this.page.getByText(file)).toBeVisible();
    if (passphrase !== undefined) await this.page.getByLabel('Package passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Check package' }).click();
    const report = this.page.getByRole('region', { name: 'Package check report' });
    await expect(report).toBeVisible({ timeout: 30_000 });
    return report;
  }

  /** Imports the checked package and waits for the result. */
  async importIt(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import into this vault' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'The package was imported' })).toBeVisible({
      timeout: 30_000,
    });
  }

  /** Types the fingerprint the sender read out in the confirm step, trusts the signer and waits for the import. */
  async confirmSignerAndImport(fingerprint: string): Promise<void> {
    const confirm = this.page.getByRole('group', { name: 'Confirm the signer' });
    await confirm.getByRole('textbox', { name: /Fingerprint read out by/ }).fill(fingerprint);
    await confirm.getByRole('button', { name: 'Trust this signer and import' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'The package was imported' })).toBeVisible({
      timeout: 30_000,
    });
  }

  /** What the import brought, row label → value. */
  async broughtIn(): Promise<Record<string, string>> {
    const rows = this.page.getByRole('table', { name: 'What the package brought' }).getByRole('row');
    const out: Record<string, string> = {};
    for (const row of await rows.all())
      out[(await row.getByRole('rowheader').textContent()) ?? ''] = (await row.getByRole('cell').textContent()) ?? '';
    return out;
  }
}

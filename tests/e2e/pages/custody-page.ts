/** The custody screen (log, Verify, checkpoint) as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the vault's custody screen. */
export class CustodyPage {
  constructor(private readonly page: Page) {}

  /** Goes to the custody screen through the navigation rail. */
  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Custody' }).click();
    await expect(this.page.getByRole('heading', { name: 'Chain of custody', level: 1 })).toBeVisible();
  }

  /** The virtualized list of entries. */
  log(): Locator {
    return this.page.getByRole('list', { name: 'Custody entries, newest first' });
  }

  /** Runs Verify and waits for its report. */
  async verify(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Verify', exact: true }).click();
    const report = this.page.getByRole('region', { name: 'Verification report' });
    await expect(report).toBeVisible({ timeout: 30_000 });
    return report;
  }

  /** The report's findings (one list item each). */
  findings(report: Locator): Locator {
    return report.getByRole('listitem');
  }
}

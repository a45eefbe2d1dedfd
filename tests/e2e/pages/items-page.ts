/** The items tab of a case, as a person uses it. */
import type { Locator, Page } from '@playwright/test';

/** Page object of the items tab. */
export class ItemsPage {
  constructor(private readonly page: Page) {}

  /** From anywhere in the workspace: Cases → the case titled `caseTitle` → Items. */
  async open(caseTitle: string): Promise<void> {
    const page = this.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await page.getByText(caseTitle, { exact: true }).first().click();
    await page.getByRole('tab', { name: 'Items' }).click();
  }

  /** The list of the case's items. */
  list(): Locator {
    return this.page.getByRole('list', { name: /^Items of this case/ });
  }

  /** The list's row whose text contains `text`. */
  row(text: string | RegExp): Locator {
    return this.list().getByRole('button').filter({ hasText: text });
  }

  /** Presses Add files… (script the dialog first with core.dialogs.nextOpenFiles). */
  async addFiles(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add files…' }).click();
  }

  /** The progress panel of a running add. */
  progress(): Locator {
    return this.page.getByRole('progressbar', { name: 'Progress of adding files' });
  }

  /** The detail panel of the selected item. */
  detail(): Locator {
    return this.page.locator('section.item-detail');
  }

  /** Renames the open item through the Edit details form. */
  async renameOpenItem(title: string): Promise<void> {
    await this.detail().getByRole('button', { name: 'Edit details' }).click();
    const form = this.page.getByRole('form', { name: 'Item details' });
    await form.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await form.getByRole('button', { name: 'Save' }).click();
  }
}

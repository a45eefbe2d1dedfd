/** The people tab of a case, as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';

/** A new person as the add dialog takes them. */
export interface NewPerson {
  name: string;
  /** The role as the select shows it, e.g. 'Witness'. */
  role: string;
  code?: string;
  contact?: string;
  named?: boolean;
  shareWith?: string;
  consentDate?: string;
  consentMethod?: string;
}

/** Page object of the people tab. */
export class PeoplePage {
  constructor(private readonly page: Page) {}

  /** Switches the open case to its People tab. */
  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'People' }).click();
    await expect(this.page.getByRole('heading', { name: 'People', level: 2 })).toBeVisible();
  }

  /** The table of people. */
  table(): Locator {
    return this.page.getByRole('table', { name: 'People of this case' });
  }

  /** The table row of the person with protective code `code`. */
  row(code: string): Locator {
    return this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: code, exact: true }) });
  }

  /** Adds a person through the dialog. */
  async addPerson(p: NewPerson): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a person' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByRole('textbox', { name: 'Real name', exact: true }).fill(p.name);
    if (p.code !== undefined) await dialog.getByRole('textbox', { name: 'Protective code' }).fill(p.code);
    if (p.contact !== undefined) await dialog.getByRole('textbox', { name: 'Contact details' }).fill(p.contact);
    await dialog.getByRole('combobox', { name: 'Role in this case' }).selectOption({ label: p.role });
    if (p.named === true) await dialog.getByRole('checkbox', { name: 'May be named' }).check();
    if (p.shareWith !== undefined) await dialog.getByRole('textbox', { name: 'May be shared with' }).fill(p.shareWith);
    if (p.consentDate !== undefined) await dialog.getByRole('textbox', { name: 'Date of consent' }).fill(p.consentDate);
    if (p.consentMethod !== undefined)
      await dialog.getByRole('textbox', { name: 'How consent was given' }).fill(p.consentMethod);
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await expect(dialog).toBeHidden();
  }
}

/** The cases list, the case form and the case overview, as a person uses them. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Fields of the case form; absent ones are left as they are. */
export interface CaseFields {
  title?: string;
  reference?: string;
  summary?: string;
  /** The status as the select shows it, e.g. 'Monitoring'. */
  status?: string;
}

/** Page object of the cases screen and a case's overview tab. */
export class CasesPage {
  constructor(private readonly page: Page) {}

  /** Goes to the cases list through the navigation rail. */
  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await expect(this.page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  }

  /** The list of cases. */
  list(): Locator {
    return this.page.getByRole('list', { name: 'Cases' });
  }

  /** The row of the case whose title contains `title`. */
  row(title: string): Locator {
    return this.list().getByRole('listitem').filter({ hasText: title });
  }

  /** The button that opens the case whose title contains `title` (the row's first; Edit is the second). */
  openButton(title: string): Locator {
    return this.row(title).getByRole('button').first();
  }

  /** Fills whichever fields are given in the open case dialog and submits it with `submit`. */
  async fillAndSubmit(dialog: Locator, fields: CaseFields, submit: string): Promise<void> {
    if (fields.title !== undefined)
      await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill(fields.title);
    if (fields.reference !== undefined) await dialog.getByRole('textbox', { name: 'Reference' }).fill(fields.reference);
    if (fields.summary !== undefined) await dialog.getByRole('textbox', { name: 'Summary' }).fill(fields.summary);
    if (fields.status !== undefined)
      await dialog.getByRole('combobox', { name: 'Status' }).selectOption({ label: fields.status });
    await dialog.getByRole('button', { name: submit }).click();
    await expect(dialog).toBeHidden();
  }

  /** Creates a case with the New case button. */
  async createCase(fields: CaseFields & { title: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'New case' }).first().click();
    await this.fillAndSubmit(this.page.getByRole('dialog', { name: 'New case' }), fields, 'Create case');
  }

  /** Edits the case titled `title` from its row in the list. */
  async editFromList(title: string, fields: CaseFields): Promise<void> {
    await this.row(title)
      .getByRole('button', { name: /^Edit / })
      .click();
    await this.fillAndSubmit(this.page.getByRole('dialog', { name: 'Edit case' }), fields, 'Save');
  }

  /** Opens the case titled `title` (its overview). */
  async openCase(title: string): Promise<void> {
    await this.openButton(title).click();
    await expect(this.page.getByRole('tab', { name: 'Overview', selected: true })).toBeVisible();
  }
}

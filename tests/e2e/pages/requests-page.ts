/** The request register of a case, as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the requests tab. */
export class RequestsPage {
  constructor(private readonly page: Page) {}

  /** Switches the open case to its Requests tab. */
  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Requests' }).click();
    await expect(this.page.getByRole('heading', { name: 'Requests', level: 2 })).toBeVisible();
  }

  /** The table of requests. */
  table(): Locator {
    return this.page.getByRole('table', { name: 'Request register' });
  }

  /** The counts line ("Requests: 36, unanswered: 28"). */
  counts(): Locator {
    return this.page.getByTestId('request-counts');
  }

  /** The total and unanswered counts as numbers. */
  async readCounts(): Promise<{ total: number; unanswered: number }> {
    const text = (await this.counts().textContent()) ?? '';
    const [total, unanswered] = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
    return { total: total ?? NaN, unanswered: unanswered ?? NaN };
  }

  /** Shows all, unanswered or answered requests. */
  async filter(which: 'All' | 'Unanswered' | 'Answered'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Show requests' }).getByText(which, { exact: true }).click();
  }

  /** Adds a request through the dialog; `by` is the start of the sender's option label (e.g. 'L-001'). */
  async add(r: { date: string; recipient: string; by: string; channel: string; about: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add request' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add a request' });
    const by = dialog.getByRole('combobox', { name: 'Sent by' });
    await by.selectOption((await by.locator('option', { hasText: r.by }).first().getAttribute('value')) ?? '');
    await dialog.getByRole('textbox', { name: 'Sent on' }).fill(r.date);
    await dialog.getByRole('textbox', { name: 'Sent to (authority)' }).fill(r.recipient);
    await dialog.getByRole('textbox', { name: 'How it was sent' }).fill(r.channel);
    await dialog.getByRole('textbox', { name: 'What was asked' }).fill(r.about);
    await dialog.getByRole('button', { name: 'Add request' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Records the answer to the request of `date` to `recipient`. */
  async answer(date: string, recipient: string, a: { date: string; kind: string; note: string }): Promise<void> {
    await this.page
      .getByRole('button', { name: `Record the answer to the request of ${date} to ${recipient}` })
      .click();
    const dialog = this.page.getByRole('dialog', { name: 'Record the answer' });
    await dialog.getByRole('textbox', { name: 'Answer received on' }).fill(a.date);
    await dialog.getByRole('combobox', { name: 'Kind of answer' }).selectOption({ label: a.kind });
    await dialog.getByRole('textbox', { name: 'What the answer said' }).fill(a.note);
    await dialog.getByRole('button', { name: 'Save answer' }).click();
    await expect(dialog).toBeHidden();
  }
}

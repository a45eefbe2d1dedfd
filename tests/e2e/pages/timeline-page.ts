/** The timeline tab of a case, as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';

/** A new event as the dialog takes it; labels are as the selects show them. */
export interface NewEvent {
  type: string;
  date: string;
  place?: string;
  placeType?: string;
  region?: string;
  description?: string;
}

/** Page object of the timeline tab. */
export class TimelinePage {
  constructor(private readonly page: Page) {}

  /** Switches the open case to its Timeline tab. */
  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Timeline' }).click();
    await expect(this.page.getByRole('heading', { name: 'Timeline', level: 2 })).toBeVisible();
  }

  /** The table of events. */
  table(): Locator {
    return this.page.getByRole('table', { name: 'Events of the case' });
  }

  /** The rows of events that contain `text`. */
  rows(text: string): Locator {
    return this.table().getByRole('row').filter({ hasText: text });
  }

  /** Adds an event about the case's detainee through the dialog. */
  async addEvent(e: NewEvent): Promise<void> {
    await this.page.getByRole('button', { name: 'Add event' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add an event' });
    await dialog.getByRole('combobox', { name: 'Event' }).selectOption({ label: e.type });
    await dialog.getByRole('textbox', { name: 'Date', exact: true }).fill(e.date);
    if (e.place !== undefined) await dialog.getByRole('combobox', { name: 'Place' }).fill(e.place);
    if (e.placeType !== undefined)
      await dialog.getByRole('combobox', { name: 'Type of the new place' }).selectOption({ label: e.placeType });
    if (e.region !== undefined) await dialog.getByRole('textbox', { name: 'Region of the new place' }).fill(e.region);
    if (e.description !== undefined) await dialog.getByRole('textbox', { name: 'What happened' }).fill(e.description);
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Opens the edit dialog of the event of `type` on `date`. */
  async edit(type: string, date: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Edit the event “${type}” of ${date}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Edit the event' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Adds a place with a type through the Places section. */
  async addPlace(name: string, type: string, region: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add place' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add a place' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: type });
    await dialog.getByRole('textbox', { name: 'Region' }).fill(region);
    await dialog.getByRole('button', { name: 'Add place' }).click();
    await expect(dialog).toBeHidden();
  }
}

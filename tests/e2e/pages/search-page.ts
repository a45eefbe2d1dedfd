/** The search screen as a person uses it. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the search screen. */
export class SearchPage {
  constructor(private readonly page: Page) {}

  /** Goes to the search screen through the navigation rail. */
  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click();
    await expect(this.page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible();
  }

  /** Types `text` in the search box. */
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search the vault' }).fill(text);
  }

  /** The list of results. */
  results(): Locator {
    return this.page.getByRole('list', { name: 'Results' });
  }

  /** The result whose text contains `text`. */
  result(text: string): Locator {
    return this.results().getByRole('listitem').filter({ hasText: text });
  }
}

import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../fixtures';
import { SearchPage } from '../pages/search-page';
import { saveScreenshot } from '../screenshots';

test('search finds a word of the demo documents, marks it in the snippets, and a click lands on the item', async ({
  app,
  demo,
}) => {
  const page = app.page;
  const search = new SearchPage(page);
  await search.goto();
  await expect(page.getByText('Type a word to search.')).toBeVisible();
  await search.search('colony');
  const hit = search.result('Short letter from Colony No. 11');
  await expect(hit).toBeVisible();
  // The match is shown as <mark> elements built from the core's ranges.
  await expect(search.results().locator('mark').first()).toHaveText(/colony/i);
  await expect(hit.locator('mark')).not.toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /^Results: \d+$/ })).toBeVisible();
  await page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(page, 'search results');
  await saveScreenshot(page, 'search-results');

  await hit.getByRole('button').click();
  await expect(page.getByRole('tab', { name: 'Items', selected: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'Incommunicado detention of a regional journalist',
  );
  expect(demo.caseId).not.toBe('');
});

test('the filters narrow the results; nothing found and a bad date are said clearly', async ({ app, demo }) => {
  const page = app.page;
  const search = new SearchPage(page);
  await search.goto();
  await search.search('colony');
  await expect(search.result('Short letter from Colony No. 11')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Transcript passages' }).check();
  await expect(search.result('Short letter from Colony No. 11')).toHaveCount(0);
  await expect(search.results().getByRole('listitem').first()).toContainText('Transcript');
  await page.getByRole('checkbox', { name: 'Transcript passages' }).uncheck();

  await page.getByRole('checkbox', { name: 'Items' }).check();
  await page.getByRole('textbox', { name: 'To date' }).fill('2025-12');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing matches “colony”' })).toBeVisible();
  await page.getByRole('textbox', { name: 'To date' }).fill('December');
  await expect(page.getByText('Use YYYY, YYYY-MM or YYYY-MM-DD')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(search.result('Short letter from Colony No. 11')).toBeVisible();

  await search.search('zzzqqq');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing matches “zzzqqq”' })).toBeVisible();
  expect(demo.caseId).not.toBe('');
});

import { expectNoSeriousA11yViolations } from '../a11y';
import { CasesPage } from '../pages/cases-page';
import { TimelinePage } from '../pages/timeline-page';
import { saveScreenshot } from '../screenshots';
import { expect, test } from '../fixtures';

test.describe('timeline', () => {
  test('demo case: events in date order; add a transfer to a new facility, edit it; add a place', async ({
    app,
    demo,
  }) => {
    const { page } = app;
    await new CasesPage(page).openCase('Incommunicado detention');
    const timeline = new TimelinePage(page);
    await timeline.open();
    await expect(timeline.table().getByRole('row')).toHaveCount(1 + demo.counts.events);
    await expect(timeline.table().getByRole('row').nth(1)).toContainText('2025-03-14');
    await expect(timeline.table().getByRole('row').nth(1)).toContainText('Arrest');
    await expectNoSeriousA11yViolations(page, 'timeline');
    await saveScreenshot(page, 'case-timeline');

    await timeline.addEvent({
      type: 'Transfer',
      date: '2026-05-04',
      place: 'Penal Colony No. 3 (fictional)',
      placeType: 'penal colony',
      region: 'Northern Region (fictional)',
      description: 'Moved at night without notice.',
    });
    await expect(timeline.table().getByRole('row')).toHaveCount(2 + demo.counts.events);
    const added = timeline.rows('Moved at night without notice.');
    await expect(added).toContainText('Transfer');
    await expect(added).toContainText('Penal Colony No. 3 (fictional) (penal colony)');
    await expect(added).toContainText('D-001');

    const dialog = await timeline.edit('Transfer', '2026-05-04');
    await dialog.getByRole('textbox', { name: 'Date', exact: true }).fill('2026-05');
    await dialog.getByRole('checkbox', { name: 'The date is approximate' }).check();
    await dialog
      .getByRole('textbox', { name: 'What happened' })
      .fill('Moved at night without notice; the family learned of it a month later.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const edited = timeline.rows('the family learned of it a month later');
    await expect(edited).toContainText('~2026-05');
    await expect(timeline.table().getByRole('row')).toHaveCount(2 + demo.counts.events);

    await timeline.addPlace('Regional Hospital No. 2 (fictional)', 'hospital', 'Eastern Region (fictional)');
    const places = page.getByRole('table', { name: 'Places' });
    await expect(places.getByRole('row').filter({ hasText: 'Regional Hospital No. 2 (fictional)' })).toContainText(
      'hospital',
    );
    await expect(places.getByRole('row').filter({ hasText: 'Penal Colony No. 3 (fictional)' })).toContainText(
      'Northern Region (fictional)',
    );
  });
});

import { expectNoSeriousA11yViolations } from '../a11y';
import { CasesPage } from '../pages/cases-page';
import { UnlockPage } from '../pages/unlock-page';
import { saveScreenshot } from '../screenshots';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';

test.describe('cases', () => {
  test('an empty vault says what to do first; a new case appears in the list, opens, and can be edited', async ({
    app,
  }) => {
    const { page } = app;
    await new UnlockPage(page).createVault('Investigator One', E2E_PASSPHRASE);
    const cases = new CasesPage(page);
    await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'empty cases list');

    await cases.createCase({
      title: 'Disappearance of a trade unionist',
      reference: 'UA-2026-014',
      summary: 'Last seen at a bus stop.',
    });
    await expect(cases.openButton('Disappearance of a trade unionist')).toContainText('UA-2026-014');
    await expect(cases.openButton('Disappearance of a trade unionist')).toContainText('Open');

    await cases.editFromList('Disappearance of a trade unionist', { status: 'Monitoring' });
    await expect(cases.openButton('Disappearance of a trade unionist')).toContainText('Monitoring');

    await cases.openCase('Disappearance of a trade unionist');
    await expect(page.getByRole('heading', { name: 'Disappearance of a trade unionist', level: 1 })).toBeVisible();
    await expect(page.getByText('Last seen at a bus stop.')).toBeVisible();
    await expect(page.getByText('No detainee yet')).toBeVisible();

    // Edit from the overview: the title in the workspace header follows.
    await page.getByRole('button', { name: 'Edit case' }).click();
    await cases.fillAndSubmit(
      page.getByRole('dialog', { name: 'Edit case' }),
      { title: 'Disappearance of a union organiser' },
      'Save',
    );
    await expect(page.getByRole('heading', { name: 'Disappearance of a union organiser', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'case overview without detainee');
  });

  test('search and status filter narrow the list; Enter on a row opens the case', async ({ app }) => {
    const { page } = app;
    await new UnlockPage(page).createVault('Investigator One', E2E_PASSPHRASE);
    const cases = new CasesPage(page);
    await cases.createCase({ title: 'First case', reference: 'REF-001' });
    await cases.createCase({ title: 'Second case', status: 'Closed' });
    await expect(cases.list().getByRole('listitem')).toHaveCount(2);

    await page.getByRole('searchbox', { name: 'Search' }).fill('ref-001');
    await expect(cases.list().getByRole('listitem')).toHaveCount(1);
    await expect(cases.openButton('First case')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Closed' });
    await expect(cases.list().getByRole('listitem')).toHaveCount(1);
    await expect(cases.openButton('Second case')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill('nothing like this');
    await expect(page.getByRole('heading', { name: 'No case matches' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');

    await cases.openButton('Second case').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Second case', level: 1 })).toBeVisible();
  });

  test(
    "demo case: the overview shows the detainee by code, the core's days without contact, the chart and request " +
      'figures; reveal shows the name',
    async ({ app, demo }) => {
      const { page } = app;
      const cases = new CasesPage(page);
      await expect(cases.openButton('Incommunicado detention')).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'cases list');
      await saveScreenshot(page, 'cases-list');

      await cases.openCase('Incommunicado detention');
      // Asked of the hosted core as the window would (checked against the contract there).
      const answer = await app.core.host.call('cases:overview', { id: demo.caseId });
      if (!answer.ok) throw new Error(answer.error.message);
      const overview = answer.value as {
        detainees: {
          incommunicado: { periods: { open: boolean; days: number; start: string }[] };
          requests: { sent: number; unanswered: number };
        }[];
      };
      const detainee = overview.detainees[0];
      const open = detainee?.incommunicado.periods.find((p) => p.open);
      expect(open).toBeDefined();

      const card = page.getByRole('region', { name: 'Detainee D-001' });
      await expect(card).toContainText('D-001');
      await expect(card).toContainText('Name hidden');
      await expect(page.getByText('Andriy Melnyk', { exact: false })).toHaveCount(0);
      await expect(page.getByTestId('days-without-contact')).toHaveText(String(open?.days));
      await expect(page.getByRole('region', { name: 'Days without contact' })).toContainText(
        `Contact lost since ${open?.start}`,
      );
      const chart = page.getByRole('img', { name: /Incommunicado timeline from/ });
      await expect(chart).toHaveAttribute('aria-label', new RegExp(`days without contact so far: ${open?.days}`));
      await expect(page.getByRole('table', { name: 'Periods without contact' })).toBeAttached();
      const requests = page.getByRole('region', { name: 'Requests for information' });
      await expect(requests).toContainText(String(detainee?.requests.sent));
      await expect(requests).toContainText(String(detainee?.requests.unanswered));
      await expect(card).toContainText('Latest event: Contact lost, 2026-04-18');
      await expectNoSeriousA11yViolations(page, 'case overview');
      // The workspace scrolls inside the window: a taller window shows the chart in the picture.
      await page.setViewportSize({ width: 1280, height: 1150 });
      await saveScreenshot(page, 'case-overview');

      await card.getByRole('button', { name: 'Reveal name' }).click();
      await expect(card).toContainText('Andriy Melnyk (fictional)');
      await card.getByRole('button', { name: 'Hide name' }).click();
      await expect(card).not.toContainText('Andriy Melnyk');

      // A revealed name does not survive a lock.
      await card.getByRole('button', { name: 'Reveal name' }).click();
      await expect(card).toContainText('Andriy Melnyk (fictional)');
      await page.getByRole('button', { name: 'Lock' }).click();
      await expect(page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
      await expect(page.getByText('Andriy Melnyk', { exact: false })).toHaveCount(0);
    },
  );
});

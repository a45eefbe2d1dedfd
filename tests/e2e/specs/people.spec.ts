import { expectNoSeriousA11yViolations } from '../a11y';
import { CasesPage } from '../pages/cases-page';
import { PeoplePage } from '../pages/people-page';
import { UnlockPage } from '../pages/unlock-page';
import { saveScreenshot } from '../screenshots';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';

test.describe('people', () => {
  test(
    'demo case: people by code, names hidden without consent, reveal on demand; add a person with a role and ' +
      'consent',
    async ({ app, demo }) => {
      const { page } = app;
      expect(demo.counts.people).toBe(5);
      await new CasesPage(page).openCase('Incommunicado detention');
      const people = new PeoplePage(page);
      await people.open();
      await expect(people.table().getByRole('row')).toHaveCount(1 + demo.counts.people);

      // The detainee has not consented to be named; the lawyer has.
      const detainee = people.row('D-001');
      await expect(detainee).toContainText('Hidden');
      await expect(detainee).toContainText('Detainee');
      await expect(detainee).toContainText('Code only');
      await expect(people.row('L-001')).toContainText('Yuriy Bondar (fictional)');
      await expect(people.row('L-001')).toContainText('May be shared with: UN Working Group (fictional)');
      await expect(page.getByText('Andriy Melnyk', { exact: false })).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, 'people tab');
      await saveScreenshot(page, 'case-people');

      await detainee.getByRole('button', { name: 'Reveal the name of D-001' }).click();
      await expect(detainee).toContainText('Andriy Melnyk (fictional)');
      await detainee.getByRole('button', { name: 'Hide the name of D-001' }).click();
      await expect(detainee).not.toContainText('Andriy Melnyk');

      await people.addPerson({
        name: 'Nadiya Kovalenko (fictional)',
        role: 'Witness',
        contact: 'Signal via the lawyer',
        shareWith: 'UN WGAD, ECtHR',
        consentDate: '2026-05-02',
        consentMethod: 'oral, recorded',
      });
      const added = people.row('W-002');
      await expect(added).toContainText('Witness');
      await expect(added).toContainText('Hidden');
      await expect(added).toContainText('Code only');
      await expect(added).toContainText('May be shared with: UN WGAD, ECtHR');
      await expect(added).toContainText('Given 2026-05-02, oral, recorded');
      // Contact details are never in the list.
      await expect(page.getByText('Signal via the lawyer')).toHaveCount(0);
    },
  );

  test('edit a person (contact details only in the form), add a role, change consent', async ({ app }) => {
    const { page } = app;
    await new UnlockPage(page).createVault('Investigator One', E2E_PASSPHRASE);
    const cases = new CasesPage(page);
    await cases.createCase({ title: 'A case with people' });
    await cases.openCase('A case with people');
    const people = new PeoplePage(page);
    await people.open();
    await expect(page.getByText('No one in this case yet.')).toBeVisible();
    await people.addPerson({ name: 'Mother (fictional)', role: 'Relative', contact: '+000 000 000' });
    const row = people.row('R-001');
    await expect(row).toContainText('Relative');
    await expect(page.getByText('+000 000 000')).toHaveCount(0);

    await row.getByRole('button', { name: 'Edit R-001' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit R-001' });
    await expect(edit.getByRole('textbox', { name: 'Contact details' })).toHaveValue('+000 000 000');
    await edit.getByRole('textbox', { name: 'Notes' }).fill('Prefers calls in the evening.');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();

    await row.getByRole('button', { name: 'Add a role for R-001' }).click();
    const roleDialog = page.getByRole('dialog', { name: 'Add a role for R-001' });
    await roleDialog.getByRole('combobox', { name: 'Role in this case' }).selectOption({ label: 'Witness' });
    await roleDialog.getByRole('button', { name: 'Add role' }).click();
    await expect(roleDialog).toBeHidden();
    await expect(row).toContainText('Witness');

    await row.getByRole('button', { name: 'Consent of R-001' }).click();
    const consent = page.getByRole('dialog', { name: 'Consent of R-001' });
    await consent.getByRole('checkbox', { name: 'May be named' }).check();
    await consent.getByRole('textbox', { name: 'Date of consent' }).fill('2026-02-31');
    await expect(consent.getByText('Use YYYY, YYYY-MM or YYYY-MM-DD')).toBeVisible();
    await expect(consent.getByRole('button', { name: 'Save' })).toBeDisabled();
    await consent.getByRole('textbox', { name: 'Date of consent' }).fill('2026-03');
    await consent.getByRole('button', { name: 'Save' }).click();
    await expect(consent).toBeHidden();
    await expect(row).toContainText('Mother (fictional)');
    await expect(row).toContainText('May be named');
    await expect(row).toContainText('Given 2026-03');
    await expect(page.getByRole('tab', { name: 'People', selected: true })).toBeVisible();
  });
});

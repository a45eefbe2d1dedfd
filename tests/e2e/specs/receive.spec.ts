/**
 * Receiving a package in the interface: a package another vault sealed to this member is
 * checked (report, signer's fingerprint), imported whole, and its case opens; a package from a
 * sender new to this vault is imported only after the person types the fingerprint the sender
 * read out; a tampered package is refused with the failed check first and no way to import it.
 * Axe on each screen. What the vault recorded is read once the page has locked it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addRecipient } from '../../../main/packages/recipients';
import { expectNoSeriousA11yViolations } from '../a11y';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';
import { lockFromPage, readLockedVault } from '../outside';
import { ReceivePage } from '../pages/receive-page';
import { saveScreenshot } from '../screenshots';
import { packageFromSender, receivingVault, recipientOf, type SentPackage } from '../sent-packages';

test('a package from a sender in the address book is checked, imported whole, and its case opens', async ({
  app,
  vaultDir,
}) => {
  let pkg!: SentPackage;
  await receivingVault(app, vaultDir, async (vault) => {
    pkg = await packageFromSender({ recipient: recipientOf(vault) });
    addRecipient(vault, {
      name: 'Partner desk (fictional)',
      ageRecipient: pkg.ageRecipient,
      minisignPublicKey: pkg.minisign,
    });
  });
  const receive = new ReceivePage(app);
  await receive.goto();
  const report = await receive.check(pkg.file);
  await expect(report).toContainText('Every check passed');
  await expect(report).toContainText(`Items in it: ${pkg.items}.`);
  await expect(report.getByRole('table', { name: 'Signed by' })).toContainText(pkg.signer);
  await expect(report.getByRole('table', { name: 'Signed by' })).toContainText(
    'In your address book as “Partner desk (fictional)”',
  );
  await expect(report.getByRole('listitem').filter({ hasText: 'Who signed it' })).toContainText('Passed');
  await expect(report.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
  await expect(report.getByRole('listitem').filter({ hasText: 'Signature over the bag' })).toContainText('Passed');
  await app.page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(app.page, 'receive: report');
  await saveScreenshot(app.page, 'receive-report');

  await receive.importIt();
  expect((await receive.broughtIn())['Items']).toBe(String(pkg.items));
  await expectNoSeriousA11yViolations(app.page, 'receive: imported');
  await saveScreenshot(app.page, 'receive-imported');
  await app.page.getByRole('button', { name: 'Open the case' }).click();
  await expect(app.page.getByRole('heading', { name: pkg.title, level: 1 })).toBeVisible();
  // The overview says where the case came from and keeps the sender's signers to compare.
  const provenance = app.page.getByRole('region', { name: 'Received from another vault' });
  await expect(provenance).toContainText("The sender's custody record is kept with the case");
  await expect(provenance.getByRole('table', { name: "Signed by the sender's members" })).toContainText(pkg.signer);
  await expectNoSeriousA11yViolations(app.page, 'imported case overview');
  await saveScreenshot(app.page, 'receive-imported-case');
  await lockFromPage(app);
  const imported = await readLockedVault(vaultDir, E2E_PASSPHRASE, (db) =>
    db.prepare('SELECT count(*) FROM imported_packages').pluck().get(),
  );
  expect(imported).toBe(1);
});

test('a package from a new sender is imported only once the fingerprint the sender reads out is typed in', async ({
  app,
  vaultDir,
}) => {
  let pkg!: SentPackage;
  await receivingVault(app, vaultDir, async (vault) => {
    pkg = await packageFromSender({ recipient: recipientOf(vault) });
  });
  const receive = new ReceivePage(app);
  await receive.goto();
  const report = await receive.check(pkg.file);
  await expect(report).toContainText('Intact, but who signed it is not confirmed');
  await expect(report.getByRole('listitem').first()).toContainText('Unknown signer');
  await expect(report.getByRole('table', { name: 'Signed by' })).toContainText('New to this vault: not confirmed');
  await expect(app.page.getByText('This package cannot be imported.')).toHaveCount(0);
  await expect(app.page.getByRole('button', { name: 'Import into this vault' })).toHaveCount(0);
  const confirm = app.page.getByRole('group', { name: 'Confirm the signer' });
  await expect(confirm).toContainText(pkg.signer);
  const trust = confirm.getByRole('button', { name: 'Trust this signer and import' });
  await expect(trust).toBeDisabled();
  // Someone else's fingerprint read out over the phone: refused on screen, import stays off.
  const typed = confirm.getByRole('textbox', { name: /Fingerprint read out by/ });
  await typed.fill('0000 0000 0000 0000 0000 0000');
  await expect(confirm).toContainText("This is not the fingerprint of the package's signer");
  await expect(trust).toBeDisabled();
  await app.page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(app.page, 'receive: confirm the signer');
  await saveScreenshot(app.page, 'receive-confirm-signer');
  // The right one, as typed from a call: lower case, no spaces.
  await typed.fill(pkg.signer.replaceAll(' ', '').toLowerCase());
  await expect(confirm).toContainText("It is the fingerprint of the package's signer.");
  await trust.click();
  await expect(app.page.getByRole('status').filter({ hasText: 'The package was imported' })).toBeVisible({
    timeout: 30_000,
  });
  // Checked again, the same sender is now known.
  await receive.goto();
  const again = await receive.check(pkg.file);
  await expect(again).toContainText('Every check passed');
  await expect(again.getByRole('table', { name: 'Signed by' })).toContainText("Trusted before for the sender's vault");
  await lockFromPage(app);
  const reasons = await readLockedVault(vaultDir, E2E_PASSPHRASE, (db) =>
    db.prepare('SELECT reason FROM known_signers').pluck().all(),
  );
  expect(reasons).toEqual(['confirmed']);
});

test('a tampered package is refused: the failed check is shown first and nothing can be imported', async ({
  app,
  vaultDir,
}) => {
  let pkg!: SentPackage;
  await receivingVault(app, vaultDir, async (vault) => {
    pkg = await packageFromSender({ recipient: recipientOf(vault) });
  });
  const bytes = fs.readFileSync(pkg.file);
  bytes[bytes.length - 300] = (bytes[bytes.length - 300] ?? 0) ^ 0x10;
  const tampered = path.join(path.dirname(pkg.file), 'tampered.tar.age');
  fs.writeFileSync(tampered, bytes);
  const receive = new ReceivePage(app);
  await receive.goto();
  const report = await receive.check(tampered);
  await expect(report).toContainText('The package failed its checks');
  const first = report.getByRole('listitem').first();
  await expect(first).toContainText('Failed');
  await expect(first).toContainText('no longer decrypts');
  await expect(app.page.getByRole('button', { name: 'Import into this vault' })).toHaveCount(0);
  await expect(app.page.getByText('This package cannot be imported.')).toBeVisible();
  await app.page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(app.page, 'receive: refused');
  await saveScreenshot(app.page, 'receive-refused');
  await lockFromPage(app);
  const cases = await readLockedVault(vaultDir, E2E_PASSPHRASE, (db) =>
    db.prepare('SELECT count(*) FROM cases').pluck().get(),
  );
  expect(cases).toBe(0);
});

test('a package sealed with a passphrase is checked and imported with that passphrase', async ({ app, vaultDir }) => {
  await receivingVault(app, vaultDir);
  const passphrase = 'five quiet words for the court';
  const pkg = await packageFromSender({ passphrase });
  const receive = new ReceivePage(app);
  await receive.goto();
  const refused = await receive.check(pkg.file);
  await expect(refused.getByRole('listitem').first()).toContainText('Opened with your key');
  await expect(refused).toContainText('The package failed its checks');
  await app.page.getByLabel('Package passphrase').fill(passphrase);
  // A new passphrase starts the check again.
  await expect(refused).toHaveCount(0);
  await app.page.getByRole('button', { name: 'Check package' }).click();
  const report = app.page.getByRole('region', { name: 'Package check report' });
  await expect(report).toContainText('Intact, but who signed it is not confirmed', { timeout: 30_000 });
  await receive.confirmSignerAndImport(pkg.signer);
  expect((await receive.broughtIn())['Items']).toBe(String(pkg.items));
});

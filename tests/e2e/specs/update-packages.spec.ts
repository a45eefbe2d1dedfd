/**
 * Update packages in the interface: the export wizard offers an update once the case went to
 * the same recipient (full stays the default), and the receive screen says a package is an
 * update of one imported before, what it adds and changes, then applies it to that case. The
 * packages before come from the core's code over the folders before the app opens them; what the
 * vault recorded is read once the page has locked it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRecipient, generateX25519Identity } from '../../../main/crypto/age';
import { getCase } from '../../../main/evidence/cases';
import { addEvent } from '../../../main/evidence/events';
import { createDemoVault } from '../../../main/evidence/demo';
import { listPeople } from '../../../main/evidence/people';
import { exportPackage } from '../../../main/packages/export/export';
import { importPackage } from '../../../main/packages/import';
import { addRecipient } from '../../../main/packages/recipients';
import { memberIdentity } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { fastKdf } from '../../helpers/kdf';
import { expectNoSeriousA11yViolations } from '../a11y';
import { DEMO_PASSPHRASE, E2E_PASSPHRASE, expect, test } from '../fixtures';
import { lockFromPage, readLockedVault } from '../outside';
import { ExportPage } from '../pages/export-page';
import { ReceivePage } from '../pages/receive-page';
import { UnlockPage } from '../pages/unlock-page';
import { saveScreenshot } from '../screenshots';
import { receivingVault, recipientOf } from '../sent-packages';

function workDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-update-e2e-'));
}

/** A new event of the case's first person: something for an update to carry. */
function addSomething(vault: Vault, caseId: string): void {
  const person = listPeople(vault.db, { caseId })[0];
  if (person === undefined) throw new Error('the demo case has no people');
  addEvent(vault, { caseId, personId: person.id, type: 'transfer', date: '2025-06-01', description: 'Moved again.' });
}

test('the export wizard offers an update of the last package to the same recipient, and makes one', async ({
  app,
  vaultDir,
}) => {
  const dir = workDir();
  const key = generateX25519Identity();
  const recipient = encodeRecipient(key.publicKey);
  // The demo case went to the recipient once and has changed since, before the app opens the vault.
  const demo = await createDemoVault(vaultDir, DEMO_PASSPHRASE, await fastKdf());
  const vault = await openVault(vaultDir, { passphrase: DEMO_PASSPHRASE });
  let first: string;
  let title: string;
  try {
    first = (
      await exportPackage(vault, {
        caseId: demo.caseId,
        recipients: [key.publicKey],
        profile: 'protected',
        output: path.join(dir, 'first.tar.age'),
      })
    ).packageId;
    addSomething(vault, demo.caseId);
    title = getCase(vault.db, demo.caseId).title;
  } finally {
    await vault.close();
  }
  await new UnlockPage(app.page).unlock(vaultDir, DEMO_PASSPHRASE);
  const wizard = new ExportPage(app);
  await wizard.open(title);
  await wizard.next();
  await wizard.next();
  await wizard.sealToKeys([recipient]);
  const choice = app.page.getByRole('radiogroup', { name: /went to these recipients before/ });
  await expect(choice).toBeVisible();
  await expect(choice.getByRole('radio', { name: 'A full package' })).toBeChecked();
  await choice.getByRole('radio', { name: new RegExp(`An update of package ${first}`) }).check();
  await expectNoSeriousA11yViolations(app.page, 'export: update offered');
  await saveScreenshot(app.page, 'export-update-offered');
  await wizard.next();
  await wizard.next();
  await wizard.exportTo(path.join(dir, 'update.tar.age'));
  await wizard.result();
  await expect(app.page.getByRole('row', { name: /Update of package/ })).toContainText(first);
  await lockFromPage(app);
  const sent = await readLockedVault(vaultDir, DEMO_PASSPHRASE, (db) =>
    db.prepare('SELECT base_package_id FROM sent_packages ORDER BY rowid DESC LIMIT 1').pluck().get(),
  );
  expect(sent).toBe(first);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the receive screen says a package is an update of one imported before, and applies it to that case', async ({
  app,
  vaultDir,
}) => {
  const dir = workDir();
  const passphrase = 'sender vault passphrase for update tests';
  const demo = await createDemoVault(path.join(dir, 'sender'), passphrase, await fastKdf());
  let first!: string;
  let update!: { file: string; packageId: string };
  // Before the app opens the receiving vault: the sender is in its address book, its first package imported,
  // and the update sealed.
  await receivingVault(app, vaultDir, async (receiver) => {
    const sender = await openVault(path.join(dir, 'sender'), { passphrase });
    try {
      const id = memberIdentity(sender);
      if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
      addRecipient(receiver, {
        name: 'Partner desk (fictional)',
        ageRecipient: id.ageRecipient,
        minisignPublicKey: id.minisignPublicKey,
      });
      const to = [recipientOf(receiver)];
      first = (
        await exportPackage(sender, {
          caseId: demo.caseId,
          recipients: to,
          profile: 'protected',
          output: path.join(dir, 'first.tar.age'),
        })
      ).packageId;
      await importPackage(receiver, path.join(dir, 'first.tar.age'));
      addSomething(sender, demo.caseId);
      const file = path.join(dir, 'update.tar.age');
      update = {
        file,
        packageId: (
          await exportPackage(sender, {
            caseId: demo.caseId,
            recipients: to,
            profile: 'protected',
            output: file,
            mode: { kind: 'update' },
          })
        ).packageId,
      };
    } finally {
      await sender.close();
    }
  });
  const receive = new ReceivePage(app);
  await receive.goto();
  const report = await receive.check(update.file);
  await expect(report).toContainText('Every check passed');
  const notice = report.getByRole('note').filter({ hasText: 'An update of a package imported before' });
  await expect(notice).toContainText(`It updates package ${first}`);
  await expect(notice).toContainText('It adds: timeline events: 1.');
  await expect(report.getByRole('listitem').filter({ hasText: 'Update of an earlier package' })).toContainText(
    'Passed',
  );
  await app.page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(app.page, 'receive: update');
  await saveScreenshot(app.page, 'receive-update');
  await receive.importIt();
  await expect(app.page.getByRole('status').filter({ hasText: `It was an update of package ${first}` })).toBeVisible();
  // The case keeps both packages as its provenance, the second as an update of the first.
  await app.page.getByRole('button', { name: 'Open the case' }).click();
  await expect(app.page.getByRole('region', { name: 'Received from another vault' })).toContainText(
    `An update of package ${first}`,
  );
  await lockFromPage(app);
  const imported = await readLockedVault(vaultDir, E2E_PASSPHRASE, (db) => ({
    cases: db.prepare('SELECT count(DISTINCT case_id) FROM imported_packages').pluck().get(),
    updateOf: db.prepare('SELECT update_of FROM imported_packages ORDER BY rowid DESC LIMIT 1').pluck().get(),
  }));
  expect(imported).toEqual({ cases: 1, updateOf: first });
  fs.rmSync(dir, { recursive: true, force: true });
});

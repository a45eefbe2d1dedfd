/**
 * The sender's history on the receive screen (issue 11, consistency proofs): the first package
 * from a vault is kept as the checkpoint later ones must extend; a later package shows that it
 * extends it; an older one (a smaller log) is shown as a rewritten history and imports only
 * after the person says, knowingly, that they accept it, which the custody log records (read with
 * `vigil log`, and the received checkpoints with the core's code, once the page has locked the vault).
 * Axe on each step.
 */
import { addRecipient } from '../../../main/packages/recipients';
import { expectNoSeriousA11yViolations } from '../a11y';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';
import { custodyLog, lockFromPage, readLockedVault } from '../outside';
import { ReceivePage } from '../pages/receive-page';
import { saveScreenshot } from '../screenshots';
import { receivingVault, recipientOf } from '../sent-packages';
import { twoPackagesFromSender, type TwoPackages } from '../sent-history';

test("the receive screen shows the sender's history and imports a rewritten one only when accepted knowingly", async ({
  app,
  vaultDir,
}) => {
  let sent!: TwoPackages;
  await receivingVault(app, vaultDir, async (vault) => {
    sent = await twoPackagesFromSender(recipientOf(vault));
    addRecipient(vault, {
      name: 'Partner desk (fictional)',
      ageRecipient: sent.ageRecipient,
      minisignPublicKey: sent.minisign,
    });
  });
  const receive = new ReceivePage(app);

  // The newer package arrives first: the first from that vault.
  await receive.goto();
  const first = await receive.check(sent.newer);
  await expect(first).toContainText('Every check passed');
  await expect(first.getByRole('note')).toContainText(
    "This is the first package this vault receives from the sender's vault",
  );
  await receive.importIt();

  // The older one comes after: its log is smaller, so the sender's history looks rewritten.
  await receive.goto();
  const older = await receive.check(sent.older);
  await expect(older).toContainText("The sender's history was rewritten");
  await expect(older.getByRole('listitem').first()).toContainText("Extends the sender's earlier packages");
  await expect(older.getByRole('listitem').first()).toContainText('fewer than');
  await expect(older.getByRole('note')).toContainText("The sender's history was rewritten or forked since package");
  await expect(app.page.getByRole('button', { name: 'Import into this vault' })).toHaveCount(0);
  const accept = app.page.getByRole('group', { name: 'Import despite a rewritten history' });
  const anyway = accept.getByRole('button', { name: 'Import anyway' });
  await expect(anyway).toBeDisabled();
  await app.page.mouse.move(1, 790);
  await expectNoSeriousA11yViolations(app.page, 'receive: rewritten history');
  await saveScreenshot(app.page, 'receive-rewritten-history');
  await accept.getByRole('checkbox', { name: /I asked the sender and accept/ }).check();
  await anyway.click();
  await expect(app.page.getByRole('status').filter({ hasText: 'The package was imported' })).toBeVisible({
    timeout: 30_000,
  });

  // Checked again, the newer package extends the accepted one (it carries the proof from it).
  await receive.goto();
  const again = await receive.check(sent.newer);
  await expect(again.getByRole('note')).toContainText('This package extends package');
  await expectNoSeriousA11yViolations(app.page, 'receive: extends');

  // What the vault recorded of the two imports (a check records nothing).
  await lockFromPage(app);
  const actions = custodyLog(vaultDir, E2E_PASSPHRASE).map((e) => e.action);
  expect(actions.filter((a) => a === 'package.history_accepted')).toHaveLength(1);
  const relations = await readLockedVault(vaultDir, E2E_PASSPHRASE, (db) =>
    db.prepare('SELECT relation FROM received_checkpoints ORDER BY seq').pluck().all(),
  );
  expect(relations).toEqual(['first', 'accepted']);
});

/**
 * A package opened from outside the app (a double-click on a .tar.age, a second
 * launch with its path): main grants it and the receive screen opens with it
 * chosen — at once while the vault is open, or right after the unlock.
 */
import { UnlockPage } from '../pages/unlock-page';
import { E2E_PASSPHRASE, expect, inProcessTest as test } from '../fixtures';
import { packageFromSender, receivingVault, recipientOf } from '../sent-packages';
import { createVault } from '../../../main/vault/create';
import { openVault } from '../../../main/vault/open';
import { fastKdf } from '../../helpers/kdf';

test(
  'a package opened by the OS while the vault is open ' + 'opens the receive screen with that file, ready to check',
  async ({ app, vaultDir }) => {
    await receivingVault(app, vaultDir);
    const pkg = await packageFromSender({ recipient: recipientOf(app.core.services.session.requireVault()) });
    app.core.services.openedPackages.arrive(pkg.file);
    await expect(app.page.getByRole('heading', { name: 'Receive a package', level: 1 })).toBeVisible();
    await expect(app.page.getByText(pkg.file)).toBeVisible();
    await app.page.getByRole('button', { name: 'Check package' }).click();
    await expect(app.page.getByRole('region', { name: 'Package check report' })).toBeVisible({ timeout: 30_000 });
  },
);

test('a package opened by the OS while the vault is locked waits, and is offered once the vault opens', async ({
  app,
  vaultDir,
}) => {
  await (
    await createVault(vaultDir, { memberName: 'Receiving Lawyer', passphrase: E2E_PASSPHRASE, kdf: await fastKdf() })
  ).vault.close();
  const receiver = await openVault(vaultDir, { passphrase: E2E_PASSPHRASE });
  const recipient = recipientOf(receiver);
  await receiver.close();
  const pkg = await packageFromSender({ recipient });
  app.core.services.openedPackages.arrive(pkg.file);
  await expect(app.page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
  await new UnlockPage(app.page).unlock(vaultDir, E2E_PASSPHRASE);
  await expect(app.page.getByRole('heading', { name: 'Receive a package', level: 1 })).toBeVisible();
  await expect(app.page.getByText(pkg.file)).toBeVisible();
});

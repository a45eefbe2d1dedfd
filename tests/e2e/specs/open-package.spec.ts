/**
 * A package opened from outside the app (a double-click on a .tar.age, a second
 * launch with its path): main grants it and the receive screen opens with it
 * chosen — at once while the vault is open, or right after the unlock.
 */
import { UnlockPage } from '../pages/unlock-page';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';
import { packageFromSender, recipientOf } from '../sent-packages';
import { createVault } from '../../../main/vault/create';
import { openVault } from '../../../main/vault/open';
import { fastKdf } from '../../helpers/kdf';

/**
 * Makes the receiving vault here and reads its member's recipient before the app opens it: the vault is the hosted
 * core's once unlocked.
 */
async function receiverRecipient(vaultDir: string): Promise<Uint8Array> {
  await (
    await createVault(vaultDir, { memberName: 'Receiving Lawyer', passphrase: E2E_PASSPHRASE, kdf: await fastKdf() })
  ).vault.close();
  const receiver = await openVault(vaultDir, { passphrase: E2E_PASSPHRASE });
  try {
    return recipientOf(receiver);
  } finally {
    await receiver.close();
  }
}

test(
  'a package opened by the OS while the vault is open ' + 'opens the receive screen with that file, ready to check',
  async ({ app, vaultDir }) => {
    const recipient = await receiverRecipient(vaultDir);
    await new UnlockPage(app.page).unlock(vaultDir, E2E_PASSPHRASE);
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const pkg = await packageFromSender({ recipient });
    // As Electron main does with an open-file or second-instance path: handed to the host, which grants it.
    await app.core.host.arrive(pkg.file);
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
  const pkg = await packageFromSender({ recipient: await receiverRecipient(vaultDir) });
  await app.core.host.arrive(pkg.file);
  await expect(app.page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
  await new UnlockPage(app.page).unlock(vaultDir, E2E_PASSPHRASE);
  await expect(app.page.getByRole('heading', { name: 'Receive a package', level: 1 })).toBeVisible();
  await expect(app.page.getByText(pkg.file)).toBeVisible();
});

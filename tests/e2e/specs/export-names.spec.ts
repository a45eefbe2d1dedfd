/**
 * The export wizard over a case whose originals name a protected person: the
 * preview warns (item, code, count — never the name), Next stays off until
 * "I have checked these items" is ticked, and the save dialog offers a neutral
 * file name, not the case's reference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateX25519Identity } from '../../../main/crypto/age';
import { createVault } from '../../../main/vault/create';
import { fastKdf } from '../../helpers/kdf';
import { addNamesCase, MARK } from '../../integration/packages/names-fixture';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';
import { ExportPage } from '../pages/export-page';
import { UnlockPage } from '../pages/unlock-page';

test('warns of protected names in originals and exports only once the sender has checked them', async ({
  app,
  vaultDir,
}) => {
  const dir = path.dirname(vaultDir);
  const { vault } = await createVault(vaultDir, {
    memberName: 'Investigator',
    passphrase: E2E_PASSPHRASE,
    kdf: await fastKdf(),
  });
  const names = await addNamesCase(vault, dir).finally(() => vault.close());
  await new UnlockPage(app.page).unlock(vaultDir, E2E_PASSPHRASE);
  const wizard = new ExportPage(app);
  await wizard.open(MARK.title);
  await wizard.next();
  await wizard.next();
  await wizard.sealToKeys([generateX25519Identity().recipient]);
  await wizard.next();

  const warning = wizard.step('Preview').getByRole('alert').filter({ hasText: 'Protected names in originals' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('listitem')).toHaveText([
    `Item 001 “Penitentiary reply”: ${names.code}, found 3 (in extracted text)`,
    `Item 002 “Letter from the colony”: ${names.code}, found 1 (in file name)`,
  ]);
  for (const name of [MARK.detainee, MARK.alias]) await expect(app.page.getByRole('main')).not.toContainText(name);
  const next = app.page.getByRole('button', { name: 'Next' });
  await expect(next).toBeDisabled();
  await warning.getByRole('checkbox', { name: 'I have checked these items' }).check();
  await expect(next).toBeEnabled();
  await wizard.next();

  let offered: string | undefined;
  const answer = app.core.dialogs.saveFile;
  app.core.dialogs.saveFile = async (opts) => {
    offered = opts.defaultName;
    return answer(opts);
  };
  const output = path.join(dir, 'checked.tar.age');
  await wizard.exportTo(output);
  await wizard.result();
  expect(offered).toMatch(/^vigil-package-\d{8}\.tar\.age$/);
  expect(fs.existsSync(output)).toBe(true);
});

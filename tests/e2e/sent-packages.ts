/**
 * Packages from another vault for the receive tests: a demo vault made as a
 * sender, its case sealed to the receiving member (or a passphrase) through the
 * real export, with what the receiver may know of the sender.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { parseRecipient } from '../../main/crypto/age';
import { createDemoVault } from '../../main/evidence/demo';
import { exportPackage } from '../../main/packages/export/export';
import { createVault } from '../../main/vault/create';
import { memberIdentity } from '../../main/vault/identity';
import { openVault } from '../../main/vault/open';
import type { Vault } from '../../main/vault/vault';
import { fastKdf } from '../helpers/kdf';
import { E2E_PASSPHRASE } from './fixtures';
import type { LaunchedApp } from './harness';
import { UnlockPage } from './pages/unlock-page';

const SENDER_PASSPHRASE = 'sender vault passphrase for tests';

/**
 * A new receiving vault in `vaultDir`, unlocked through the interface. `prepare` runs first, in this process, over
 * the new vault (packages sealed to its member, senders in its address book), as the CLI would before the app opens
 * it: once the app holds the vault, only the page's requests reach it.
 */
export async function receivingVault(
  app: LaunchedApp,
  vaultDir: string,
  prepare: (vault: Vault) => Promise<void> = async () => undefined,
): Promise<void> {
  const { vault } = await createVault(vaultDir, {
    memberName: 'Receiving Lawyer',
    passphrase: E2E_PASSPHRASE,
    kdf: await fastKdf(),
  });
  try {
    await prepare(vault);
  } finally {
    await vault.close();
  }
  await new UnlockPage(app.page).unlock(vaultDir, E2E_PASSPHRASE);
  await expect(app.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** The acting member's age recipient (its secret is wiped at once). */
export function recipientOf(vault: Vault): Uint8Array {
  const id = memberIdentity(vault);
  if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
  return (parseRecipient(id.ageRecipient) as { publicKey: Uint8Array }).publicKey;
}

/** A package from a new sender vault, with what the receiver may know of that sender. */
export interface SentPackage {
  file: string;
  title: string;
  items: number;
  /** The signer's fingerprint, as the sender would read it out. */
  signer: string;
  /** The sender's keys, for the receiver's address book. */
  minisign: string;
  ageRecipient: string;
}

/** The demo case of a new sender vault, sealed to `recipient` (or a passphrase). */
export async function packageFromSender(
  sealTo: { recipient: Uint8Array } | { passphrase: string },
): Promise<SentPackage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-receive-e2e-'));
  await createDemoVault(path.join(dir, 'sender'), SENDER_PASSPHRASE, await fastKdf());
  const sender = await openVault(path.join(dir, 'sender'), { passphrase: SENDER_PASSPHRASE });
  try {
    const c = sender.db.prepare('SELECT id, title FROM cases LIMIT 1').get() as { id: string; title: string };
    const file = path.join(dir, 'from-partner.tar.age');
    const base = { caseId: c.id, profile: 'protected' as const, output: file };
    const result = await exportPackage(
      sender,
      'recipient' in sealTo
        ? { ...base, recipients: [sealTo.recipient] }
        : { ...base, recipients: null, passphrase: sealTo.passphrase },
    );
    const signer = memberIdentity(sender);
    if (signer.ageIdentity.kind === 'x25519') signer.ageIdentity.secretKey.fill(0);
    return {
      file,
      title: c.title,
      items: result.items,
      signer: signer.fingerprints.minisign,
      minisign: signer.minisignPublicKey,
      ageRecipient: signer.ageRecipient,
    };
  } finally {
    await sender.close();
  }
}

/**
 * Two packages from one sender vault for the receive-history tests: the demo case sealed to the
 * receiving member twice through the real export, the second after the first (its log longer).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoVault } from '../../main/evidence/demo';
import { exportPackage } from '../../main/packages/export/export';
import { memberIdentity } from '../../main/vault/identity';
import { openVault } from '../../main/vault/open';
import { fastKdf } from '../helpers/kdf';

const SENDER_PASSPHRASE = 'sender vault passphrase for tests';

/** The two packages, oldest first, and the sender's keys for the receiver's address book. */
export interface TwoPackages {
  older: string;
  newer: string;
  minisign: string;
  ageRecipient: string;
}

/** The demo case of a new sender vault, sealed to `recipient` twice. */
export async function twoPackagesFromSender(recipient: Uint8Array): Promise<TwoPackages> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-history-e2e-'));
  await createDemoVault(path.join(dir, 'sender'), SENDER_PASSPHRASE, await fastKdf());
  const sender = await openVault(path.join(dir, 'sender'), { passphrase: SENDER_PASSPHRASE });
  try {
    const caseId = sender.db.prepare('SELECT id FROM cases LIMIT 1').pluck().get() as string;
    const [older, newer] = [path.join(dir, 'first.tar.age'), path.join(dir, 'second.tar.age')];
    for (const output of [older, newer])
      await exportPackage(sender, { caseId, profile: 'protected', output, recipients: [recipient] });
    const id = memberIdentity(sender);
    if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
    return { older, newer, minisign: id.minisignPublicKey, ageRecipient: id.ageRecipient };
  } finally {
    await sender.close();
  }
}

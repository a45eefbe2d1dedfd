import fs from 'node:fs';
import path from 'node:path';
import { loadSodium } from '../../../main/crypto/sodium';
import { encodeMinisignPublicKey, minisignKeyId } from '../../../main/crypto/minisign';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { createVault } from '../../../main/vault/create';
import { fastKdf, newTestVault, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { fillVault, makePackage, vaultPayload, type BuiltPackage } from './make-package';
import type { CorpusExtras } from './tamper-corpus';

/** A good package from a filled vault and what the tamper corpus needs beyond it (as verify.test.ts builds them). */
export async function corpusFixture(): Promise<{ pkg: BuiltPackage; extras: CorpusExtras; dir: string }> {
  const dir = suiteTempDir();
  const { vault } = await createVault(path.join(dir, 'vault'), { memberName: 'Test Investigator', passphrase: TEST_PASSPHRASE, kdf: await fastKdf() });
  const caseId = await fillVault(vault, dir);
  const older = (await vaultPayload(vault)).checkpoint;
  fs.writeFileSync(path.join(dir, 'late.txt'), 'added after the first checkpoint');
  await addFileItem(vault, path.join(dir, 'late.txt'), { caseId, extract: false });
  const pkg = await makePackage(vault, dir);
  await vault.close();
  const other = await newTestVault('Other Investigator');
  await fillVault(other.vault, suiteTempDir());
  const otherEntry = ((await vaultPayload(other.vault)).files.get('custody/entries.jsonl') ?? Buffer.alloc(0)).toString().split('\n')[1] ?? '';
  await other.vault.close();
  const sodium = await loadSodium();
  const kp = sodium.crypto_sign_keypair();
  const key = { keyId: minisignKeyId(kp.publicKey), publicKey: kp.publicKey, secretKey: kp.privateKey };
  const block = `# Stranger ed25519:${Buffer.from(kp.publicKey).toString('hex')}\n${encodeMinisignPublicKey(key.keyId, key.publicKey)}\n`;
  return { pkg, extras: { older, otherEntry, stranger: { key, block } }, dir };
}

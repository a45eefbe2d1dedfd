import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSodium } from '../../../main/crypto/sodium';
import { encodeMinisignPublicKey, minisignKeyId } from '../../../main/crypto/minisign';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { createVault } from '../../../main/vault/create';
import { fastKdf } from '../../helpers/kdf';
import { fillVault, makePackage, vaultPayload, type BuiltPackage } from './make-package';
import type { CorpusExtras } from './tamper-corpus';

const PASSPHRASE = 'correct horse battery staple';

/** A fresh temporary folder (the caller removes `dir` when done). */
function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-corpus-'));
}

/**
 * A good package from a filled vault and what the tamper corpus needs beyond it (as
 * verify.test.ts builds them), all under the returned `dir`. Free of vitest, so the
 * Playwright specs can use it too.
 */
export async function corpusFixture(): Promise<{ pkg: BuiltPackage; extras: CorpusExtras; dir: string }> {
  const dir = tempDir();
  const { vault } = await createVault(path.join(dir, 'vault'), {
    memberName: 'Test Investigator',
    passphrase: PASSPHRASE,
    kdf: await fastKdf(),
  });
  const caseId = await fillVault(vault, dir);
  const older = (await vaultPayload(vault)).checkpoint;
  fs.writeFileSync(path.join(dir, 'late.txt'), 'added after the first checkpoint');
  await addFileItem(vault, path.join(dir, 'late.txt'), { caseId, extract: false });
  const pkg = await makePackage(vault, dir);
  await vault.close();
  const otherDir = path.join(dir, 'other');
  fs.mkdirSync(otherDir);
  const { vault: other } = await createVault(path.join(otherDir, 'vault'), {
    memberName: 'Other Investigator',
    passphrase: PASSPHRASE,
    kdf: await fastKdf(),
  });
  await fillVault(other, otherDir);
  const otherEntry =
    ((await vaultPayload(other)).files.get('custody/entries.jsonl') ?? Buffer.alloc(0)).toString().split('\n')[1] ?? '';
  await other.close();
  const sodium = await loadSodium();
  const kp = sodium.crypto_sign_keypair();
  const key = { keyId: minisignKeyId(kp.publicKey), publicKey: kp.publicKey, secretKey: kp.privateKey };
  const block =
    `# Stranger ` +
    `ed25519:${Buffer.from(kp.publicKey).toString('hex')}\n${encodeMinisignPublicKey(key.keyId, key.publicKey)}\n`;
  return { pkg, extras: { older, otherEntry, stranger: { key, block } }, dir };
}

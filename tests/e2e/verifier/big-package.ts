/** A big package made with the real export from random data, for the verifier page's memory test. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateX25519Identity, parseRecipient } from '../../../main/crypto/age';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { exportPackage } from '../../../main/packages/export/export';
import { createVault } from '../../../main/vault/create';
import { fastKdf } from '../../helpers/kdf';

/** Writes `size` random bytes to `file` a MiB at a time. */
function writeRandom(file: string, size: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (let left = size; left > 0; left -= 1024 * 1024) fs.writeSync(fd, randomBytes(Math.min(left, 1024 * 1024)));
  } finally {
    fs.closeSync(fd);
  }
}

/** Exports one item of `size` random bytes in `dir`; the random file is removed once it is in the vault. */
export async function bigPackage(
  dir: string,
  size: number,
): Promise<{ file: string; page: string; identityFile: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const { vault } = await createVault(path.join(dir, 'vault'), {
    memberName: 'Big Package Tester (fictional)',
    passphrase: 'a passphrase for the big package',
    kdf: await fastKdf(),
  });
  try {
    const c = createCase(vault, { title: 'Big case', reference: 'BIG-1' });
    const raw = path.join(dir, 'random.bin');
    writeRandom(raw, size);
    await addFileItem(vault, raw, { caseId: c.id, title: 'random.bin', extract: false });
    fs.rmSync(raw);
    const key = generateX25519Identity();
    const identityFile = path.join(dir, 'key.txt');
    fs.writeFileSync(identityFile, `${key.identity}\n`);
    const r = parseRecipient(key.recipient);
    if (r.kind !== 'x25519') throw new Error('not an X25519 recipient');
    const out = await exportPackage(vault, {
      caseId: c.id,
      profile: 'full',
      output: path.join(dir, 'big.tar.age'),
      recipients: [r.publicKey],
    });
    if (out.verifierPath === null) throw new Error('The export wrote no verifier page: run npm run build first.');
    return { file: out.packagePath, page: out.verifierPath, identityFile };
  } finally {
    await vault.close();
  }
}

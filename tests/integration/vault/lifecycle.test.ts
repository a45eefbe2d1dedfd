import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listItems } from '../../../main/evidence/items';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { openVault } from '../../../main/vault/open';
import { addMember, changePassphrase, removeMember } from '../../../main/vault/passphrases';
import { vaultStatus } from '../../../main/vault/status';
import { verifyVault } from '../../../main/checks/verify-vault';
import { fastKdf, newTestVault, snapshotFiles, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

function actions(vault: { db: Parameters<typeof iterateStoredEntries>[0] }): string[] {
  return [...iterateStoredEntries(vault.db)].map((r) => (JSON.parse(r.canonical) as { action: string }).action);
}

function sampleFile(content: string): string {
  const file = path.join(tempDir(), 'sample.txt');
  writeFileSync(file, content);
  return file;
}

describe('vault/open', () => {
  it('reopens a vault with its passphrase and keeps what was added', async () => {
    const { dir, vault } = await newTestVault('Anna');
    const item = await addFileItem(vault, sampleFile('letter withheld since March'));
    await vault.close();
    const again = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(again.member.name).toBe('Anna');
      expect(listItems(again.db).map((i) => i.id)).toEqual([item.id]);
      const status = vaultStatus(again);
      expect(status.counts.items).toBe(1);
      expect(status.custody.size).toBe(2);
      expect(actions(again)).toEqual(['vault.created', 'item.ingested']);
    } finally {
      await again.close();
    }
  });

  it('refuses a wrong passphrase and changes no byte under the vault folder', async () => {
    const { dir, vault } = await newTestVault();
    await addFileItem(vault, sampleFile('content'));
    await vault.close();
    const before = snapshotFiles(dir);
    await expect(openVault(dir, { passphrase: 'not the passphrase' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('refuses a second opening while the vault is open elsewhere', async () => {
    const { dir, vault } = await newTestVault();
    try {
      await expect(openVault(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'VAULT_IN_USE' });
    } finally {
      await vault.close();
    }
    const again = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    await again.close();
  });

  it('says clearly when the folder is not a vault', async () => {
    await expect(openVault(tempDir(), { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'VAULT_NOT_FOUND',
    });
  });
});

describe('vault/passphrases', () => {
  it('recovers with the recovery code: read-only until a new passphrase, then a rotated key in the log', async () => {
    const { dir, vault, recoveryCode } = await newTestVault();
    await addFileItem(vault, sampleFile('before recovery'));
    const oldKey = vault.member.publicKeyHex;
    await vault.close();

    const recovered = await openVault(dir, { recoveryCode: recoveryCode.toLowerCase().replaceAll('-', ' ') });
    expect(recovered.needsNewPassphrase).toBe(true);
    await expect(addFileItem(recovered, sampleFile('x'))).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    const { rotated } = await changePassphrase(recovered, 'a brand new passphrase', {
      currentSecret: recoveryCode,
      kdf: await fastKdf(),
    });
    expect(rotated).toBe(true);
    expect(recovered.member.publicKeyHex).not.toBe(oldKey);
    await addFileItem(recovered, sampleFile('after recovery'));
    await recovered.close();

    await expect(openVault(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const reopened = await openVault(dir, { passphrase: 'a brand new passphrase' });
    try {
      expect(actions(reopened)).toEqual(['vault.created', 'item.ingested', 'member.key_rotated', 'item.ingested']);
      const report = await verifyVault(reopened);
      expect(report.findings.filter((f) => !f.ok)).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('changes a passphrase without re-encrypting the database', async () => {
    const { dir, vault } = await newTestVault();
    const dbBefore = snapshotFiles(dir).get('vault.db');
    const { rotated } = await changePassphrase(vault, 'second passphrase here', {
      currentSecret: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    });
    expect(rotated).toBe(false);
    await vault.close();
    await expect(openVault(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const again = await openVault(dir, { passphrase: 'second passphrase here' });
    expect(actions(again)).toEqual(['vault.created', 'member.passphrase_changed']);
    await again.close();
    // The first page (salt and encrypted header) of the database is unchanged: no rekey happened.
    expect(snapshotFiles(dir).get('vault.db')?.subarray(0, 16)).toEqual(dbBefore?.subarray(0, 16));
  });

  it('changes the passphrase twice in one session, and adds a member after it', async () => {
    const { dir, vault } = await newTestVault();
    const kdf = await fastKdf();
    await changePassphrase(vault, 'second passphrase here', { currentSecret: TEST_PASSPHRASE, kdf });
    // The session now holds the new slot: the second change starts from the second passphrase.
    await changePassphrase(vault, 'third passphrase here', { currentSecret: 'second passphrase here', kdf });
    await addMember(vault, 'Second investigator', 'their own passphrase', {
      currentSecret: 'third passphrase here',
      kdf,
    });
    await vault.close();
    await expect(openVault(dir, { passphrase: 'second passphrase here' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    const again = await openVault(dir, { passphrase: 'third passphrase here' });
    expect(actions(again)).toEqual([
      'vault.created',
      'member.passphrase_changed',
      'member.passphrase_changed',
      'member.added',
    ]);
    await again.close();
  });

  it('adds a member who signs as themselves, and removes them', async () => {
    const { dir, vault } = await newTestVault('Anna');
    const added = await addMember(vault, 'Boris', 'boris passphrase 1', {
      currentSecret: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    });
    await vault.close();

    const boris = await openVault(dir, { passphrase: 'boris passphrase 1' });
    expect(boris.member.name).toBe('Boris');
    await addFileItem(boris, sampleFile('added by Boris'));
    const last = [...iterateStoredEntries(boris.db)].at(-1);
    expect(JSON.parse(last?.canonical ?? '{}')).toMatchObject({ action: 'item.ingested', actor: added.publicKeyHex });
    await boris.close();

    const anna = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    await removeMember(anna, 'Boris');
    const report = await verifyVault(anna);
    expect(report.ok).toBe(true);
    await anna.close();
    await expect(openVault(dir, { passphrase: 'boris passphrase 1' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
  });
});

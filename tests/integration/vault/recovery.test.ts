import { describe, expect, it } from 'vitest';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { openVault } from '../../../main/vault/open';
import { replaceRecoveryCode } from '../../../main/vault/passphrases';
import { verifyVault } from '../../../main/checks/verify-vault';
import { fastKdf, newTestVault, snapshotFiles, TEST_PASSPHRASE } from '../../helpers/vault';

function entries(vault: { db: Parameters<typeof iterateStoredEntries>[0] }): { action: string; data: unknown }[] {
  return [...iterateStoredEntries(vault.db)].map((r) => JSON.parse(r.canonical) as { action: string; data: unknown });
}

describe('vault/recovery code replacement', () => {
  it('retires the old code, opens with the new one, keeps the passphrase and records it', async () => {
    const { dir, vault, recoveryCode: oldCode } = await newTestVault();
    const { recoveryCode } = await replaceRecoveryCode(vault, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
    expect(recoveryCode).not.toBe(oldCode);
    expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    const last = entries(vault).at(-1);
    expect(last).toMatchObject({ action: 'vault.recovery_code_replaced', data: { memberId: vault.member.id } });
    expect(JSON.stringify(last)).not.toContain(recoveryCode);
    await vault.close();

    await expect(openVault(dir, { recoveryCode: oldCode })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const recovered = await openVault(dir, { recoveryCode });
    expect(recovered.needsNewPassphrase).toBe(true);
    await recovered.close();

    const again = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(entries(again).map((e) => e.action)).toEqual(['vault.created', 'vault.recovery_code_replaced']);
      const report = await verifyVault(again);
      expect(report.findings.filter((f) => !f.ok)).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('with a wrong current passphrase changes no byte on disk', async () => {
    const { dir, vault, recoveryCode } = await newTestVault();
    // The WAL index (vault.db-shm) is SQLite's shared memory, touched by any read (the slots' roles are read from the
    // database).
    const lasting = (): Map<string, Buffer> =>
      new Map([...snapshotFiles(dir)].filter(([name]) => !name.endsWith('-shm')));
    const before = lasting();
    try {
      await expect(
        replaceRecoveryCode(vault, { currentSecret: 'not the passphrase', kdf: await fastKdf() }),
      ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
      expect(lasting()).toEqual(before);
    } finally {
      await vault.close();
    }
    const recovered = await openVault(dir, { recoveryCode });
    await recovered.close();
  });

  it('refuses after a recovery-code unlock: a new passphrase comes first', async () => {
    const { dir, vault, recoveryCode } = await newTestVault();
    await vault.close();
    const recovered = await openVault(dir, { recoveryCode });
    try {
      const before = snapshotFiles(dir);
      await expect(
        replaceRecoveryCode(recovered, { currentSecret: recoveryCode, kdf: await fastKdf() }),
      ).rejects.toMatchObject({
        code: 'VAULT_LOCKED',
        message: expect.stringMatching(/new passphrase first/) as unknown,
      });
      expect(snapshotFiles(dir)).toEqual(before);
    } finally {
      await recovered.close();
    }
  });
});

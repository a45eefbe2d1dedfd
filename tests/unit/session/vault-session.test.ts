import { describe, expect, it } from 'vitest';
import { VaultSession, type LockReason } from '../../../main/session/vault-session';
import { fastKdf, TEST_PASSPHRASE, tempDir } from '../../helpers/vault';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

async function newSession(locks: LockReason[] = []): Promise<VaultSession> {
  return new VaultSession({ kdf: await fastKdf(), onLocked: (reason) => locks.push(reason) });
}

describe('session/vault-session/VaultSession', () => {
  it('starts locked and refuses vault work with VAULT_LOCKED', async () => {
    const session = await newSession();
    expect(session.state()).toEqual({ unlocked: false });
    expect(() => session.requireVault()).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });

  it('creates, locks (dropping the vault and telling why) and unlocks again', async () => {
    const locks: LockReason[] = [];
    const session = await newSession(locks);
    const dir = path.join(tempDir(), 'vault');
    const { recoveryCode, state } = await session.create(dir, 'Investigator', TEST_PASSPHRASE);
    expect(recoveryCode.length).toBeGreaterThan(20);
    expect(state).toMatchObject({ unlocked: true, dir, member: { name: 'Investigator' }, needsNewPassphrase: false });

    await session.lock('idle');
    expect(locks).toEqual(['idle']);
    expect(session.state()).toEqual({ unlocked: false });
    await session.lock('user'); // already locked: nothing happens, no second event
    expect(locks).toEqual(['idle']);

    await expect(session.unlock(dir, { passphrase: 'wrong' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(session.state().unlocked).toBe(false);
    await expect(session.unlock(dir, { passphrase: TEST_PASSPHRASE })).resolves.toMatchObject({ unlocked: true });
    await session.lock('quit');
    const recovered = await session.unlock(dir, { recoveryCode });
    expect(recovered).toMatchObject({ unlocked: true, needsNewPassphrase: true });
    await session.lock('quit');
  });

  it('tells the window, in counts, what unlocking put right after a crash', async () => {
    const session = await newSession();
    const dir = path.join(tempDir(), 'vault');
    const { state } = await session.create(dir, 'Investigator', TEST_PASSPHRASE);
    expect(state).toMatchObject({ recovered: { header: 'none', objectsRemoved: 0 } });
    await session.lock('quit');
    // What a killed add leaves: an object stored, never recorded; and a header change never recorded.
    mkdirSync(path.join(dir, 'blobs', 'staged'), { recursive: true });
    writeFileSync(path.join(dir, 'blobs', 'staged', `${'c'.repeat(32)}.age`), 'x');
    writeFileSync(path.join(dir, 'vault.json.pending'), `${readFileSync(path.join(dir, 'vault.json'), 'utf8')} `);
    const reopened = await session.unlock(dir, { passphrase: TEST_PASSPHRASE });
    expect(reopened).toEqual({
      unlocked: true,
      dir,
      vaultId: expect.any(String),
      member: expect.any(Object),
      needsNewPassphrase: false,
      recovered: {
        header: 'dropped',
        objectsPublished: 0,
        objectsRemoved: 1,
        exportsFinished: 0,
        exportsRemoved: 0,
        exportsUnreachable: 0,
      },
    });
    await session.lock('quit');
  });

  it('refuses to open a second vault while one is open', async () => {
    const session = await newSession();
    const dir = path.join(tempDir(), 'vault');
    await session.create(dir, 'Investigator', TEST_PASSPHRASE);
    await expect(session.unlock(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await session.lock('quit');
  });

  it('counts requests as activity for the idle lock', async () => {
    const session = await newSession();
    const dir = path.join(tempDir(), 'vault');
    await session.create(dir, 'Investigator', TEST_PASSPHRASE);
    const later = Date.now() + 60_000;
    expect(session.idleMs(later)).toBeGreaterThanOrEqual(59_000);
    session.requireVault();
    expect(session.idleMs()).toBeLessThan(1000);
    await session.lock('quit');
  });
});

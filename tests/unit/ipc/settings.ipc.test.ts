import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/channels';
import { encodeRecipient } from '../../../main/crypto/age';
import { callChannel as call, channelValue as value, coreForEachTest } from '../../helpers/ipc';
import { tempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { randomBytes } from 'node:crypto';

const cores = coreForEachTest();

const NEW_PASSPHRASE = 'a brand new passphrase for this test';

/** A valid X25519 age recipient ("age1…") made from random bytes (only its form matters here). */
function someAgeKey(): string {
  return encodeRecipient(new Uint8Array(randomBytes(32)));
}

describe('ipc/settings.ipc', () => {
  it('settings:get works while locked; settings:update saves to the file and refuses values out of range', async () => {
    const file = path.join(tempDir(), 'settings.json');
    const current = await cores.locked({ settingsFile: file });
    expect(await value(current, 'settings:get', {})).toEqual({ autoLockMinutes: 10, language: null });
    expect(await value(current, 'settings:update', { language: 'uk', autoLockMinutes: 30 })).toMatchObject({
      language: 'uk',
      autoLockMinutes: 30,
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ language: 'uk', autoLockMinutes: 30 });
    for (const bad of [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 481 },
      { autoLockMinutes: 2.5 },
      { language: 'de' },
      { other: 1 },
      { lastVaultDir: '/etc' },
    ]) {
      expect(await call(current, 'settings:update', bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await value(current, 'settings:get', {})).toMatchObject({ language: 'uk', autoLockMinutes: 30 });
  });

  it('settings:members, member-add and member-remove; the new member can unlock until removed', async () => {
    const { core, dir } = await cores.unlockedEmpty();
    const added = await value(core, 'settings:member-add', {
      name: 'Second investigator',
      passphrase: NEW_PASSPHRASE,
      currentPassphrase: TEST_PASSPHRASE,
    });
    const members = await value(core, 'settings:members', {});
    expect(members.map((m) => [m.name, m.you])).toEqual([
      ['Investigator', true],
      ['Second investigator', false],
    ]);
    expect(members[1]?.fingerprint).toBe(added.fingerprint);
    expect(
      await call(core, 'settings:member-add', { name: 'X', passphrase: NEW_PASSPHRASE, currentPassphrase: 'wrong' }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await value(core, 'settings:member-remove', { memberId: added.id })).toEqual({ id: added.id });
    expect((await value(core, 'settings:members', {}))[1]?.removedAt).not.toBeNull();
    await core.services.session.lock('user');
    expect(
      await call(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), passphrase: NEW_PASSPHRASE }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
  });

  it('settings:change-passphrase: the new passphrase unlocks, the old one no longer does', async () => {
    const { core, dir } = await cores.unlockedEmpty();
    expect(await call(core, 'settings:change-passphrase', { current: 'not it', next: NEW_PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    expect(await value(core, 'settings:change-passphrase', { current: TEST_PASSPHRASE, next: NEW_PASSPHRASE })).toEqual(
      { rotated: false, needsNewPassphrase: false },
    );
    await core.services.session.lock('user');
    expect(
      await call(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), passphrase: TEST_PASSPHRASE }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(
      await call(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), passphrase: NEW_PASSPHRASE }),
    ).toMatchObject({ ok: true });
  });

  it(
    'after a recovery-code unlock, settings:change-passphrase ' +
      'with the code sets a passphrase and a new signing key',
    async () => {
      const { core, dir, recoveryCode } = await cores.unlockedEmpty();
      await core.services.session.lock('user');
      expect(await value(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), recoveryCode })).toMatchObject({
        needsNewPassphrase: true,
      });
      expect(await value(core, 'settings:change-passphrase', { current: recoveryCode, next: NEW_PASSPHRASE })).toEqual({
        rotated: true,
        needsNewPassphrase: false,
      });
      expect(await value(core, 'vault:state', {})).toMatchObject({ needsNewPassphrase: false });
      await core.services.session.lock('user');
      expect(
        await call(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), passphrase: NEW_PASSPHRASE }),
      ).toMatchObject({ ok: true });
    },
  );

  it(
    'settings:replace-recovery-code: the new code unlocks, the old one no longer does; refused after a ' +
      'recovery-code unlock',
    async () => {
      const { core, dir, recoveryCode: oldCode } = await cores.unlockedEmpty();
      expect(await call(core, 'settings:replace-recovery-code', { currentPassphrase: 'not it' })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSPHRASE' },
      });
      const { recoveryCode } = await value(core, 'settings:replace-recovery-code', {
        currentPassphrase: TEST_PASSPHRASE,
      });
      expect(recoveryCode).not.toBe(oldCode);
      await core.services.session.lock('user');
      expect(
        await call(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), recoveryCode: oldCode }),
      ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
      expect(await value(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), recoveryCode })).toMatchObject({
        needsNewPassphrase: true,
      });
      expect(await call(core, 'settings:replace-recovery-code', { currentPassphrase: recoveryCode })).toMatchObject({
        ok: false,
        error: { code: 'VAULT_LOCKED' },
      });
    },
  );

  it("settings:recipients, recipient-add (with the core's message for a bad key) and recipient-remove", async () => {
    const { core } = await cores.unlockedEmpty();
    const key = someAgeKey();
    const bad = await call(core, 'settings:recipient-add', {
      name: 'UN WGEID',
      kind: 'organisation',
      ageRecipient: 'age1notakey',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const added = await value(core, 'settings:recipient-add', {
      name: 'UN WGEID',
      kind: 'organisation',
      ageRecipient: key,
      notes: 'Working group',
    });
    expect(added).toMatchObject({ name: 'UN WGEID', ageRecipient: key, notes: 'Working group' });
    expect(added.fingerprint).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4})+$/);
    expect((await value(core, 'settings:recipients', {})).map((r) => r.name)).toEqual(['UN WGEID']);
    expect(
      await call(core, 'settings:recipient-add', { name: 'Again', kind: 'person', ageRecipient: key }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('already') } });
    expect(await value(core, 'settings:recipient-remove', { id: added.id })).toEqual({});
    expect(await value(core, 'settings:recipients', {})).toEqual([]);
  });

  it('refuses malformed requests with INVALID_INPUT', async () => {
    const { core } = await cores.unlockedEmpty();
    const cases: [Channel, unknown][] = [
      ['settings:get', { x: 1 }],
      ['settings:members', { x: 1 }],
      ['settings:member-add', { name: ' ', passphrase: 'p', currentPassphrase: 'q' }],
      ['settings:member-remove', { memberId: 'not an id!' }],
      ['settings:change-passphrase', { current: TEST_PASSPHRASE, next: '' }],
      ['settings:replace-recovery-code', { currentPassphrase: '' }],
      ['settings:recipients', { x: 1 }],
      ['settings:recipient-add', { name: 'A', kind: 'robot', ageRecipient: someAgeKey() }],
      ['settings:recipient-remove', {}],
    ];
    for (const [channel, req] of cases)
      expect(await call(core, channel, req)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('vault channels answer VAULT_LOCKED while locked', async () => {
    const current = await cores.locked();
    const cases: [Channel, unknown][] = [
      ['settings:members', {}],
      ['settings:member-add', { name: 'A', passphrase: 'p', currentPassphrase: 'q' }],
      ['settings:member-remove', { memberId: 'abc' }],
      ['settings:change-passphrase', { current: 'a', next: 'b' }],
      ['settings:replace-recovery-code', { currentPassphrase: 'a' }],
      ['settings:recipients', {}],
      ['settings:recipient-add', { name: 'A', kind: 'person', ageRecipient: someAgeKey() }],
      ['settings:recipient-remove', { id: 'abc' }],
    ];
    for (const [channel, req] of cases)
      expect(await call(current, channel, req)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});

/**
 * Issue 14, point 4e: vault.json format 1 showed each key slot's member and kind, so anyone
 * with the folder learned the member count, who shares a member's slots and which slot is the
 * recovery code. Format 2 keeps that in the encrypted database and every slot looks alike;
 * format 1 vaults still open and are rewritten, as a recorded header change, on an unlock that can sign.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../main/vault/database';
import { deriveSqlcipherKey } from '../../../main/vault/keys/derive';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { headerSha256, PENDING_HEADER_FILE } from '../../../main/vault/header-change';
import { readVaultHeader, vaultHeaderText, writeVaultHeader } from '../../../main/vault/keys/header';
import { unlockWithSecret } from '../../../main/vault/keys/slots';
import { listMembers } from '../../../main/vault/members';
import { openVault } from '../../../main/vault/open';
import { addMember, changePassphrase, removeMember, replaceRecoveryCode } from '../../../main/vault/passphrases';
import { verifyVault } from '../../../main/checks/verify-vault';
import type { Finding } from '../../../main/vault/finding';
import { fastKdf, newTestVault, snapshotFiles, TEST_PASSPHRASE } from '../../helpers/vault';

const SECOND = 'second member passphrase';
const NEW = 'a new passphrase after recovery';

interface Role {
  slot: string;
  member: string;
  kind: 'passphrase' | 'recovery';
}

/**
 * The vault as Vigil wrote it before format 2: vault.json naming each slot's member and kind, a database without
 * key_slots (schema 80).
 */
async function rewriteAsFormat1(dir: string, schema: 80 | 100 = 80): Promise<Role[]> {
  const header = await readVaultHeader(dir);
  const { masterKey } = await unlockWithSecret(header, { passphrase: TEST_PASSPHRASE });
  const db = openEncryptedDatabase(path.join(dir, 'vault.db'), deriveSqlcipherKey(masterKey));
  let roles: Role[];
  try {
    roles = db.prepare('SELECT slot_id AS slot, member_id AS member, kind FROM key_slots').all() as Role[];
    // A vault of a format 1 build: schema 80 (or 100, made before 0090 was numbered below it), and
    // (made before header hashes) no recorded header.
    db.exec("DROP TABLE key_slots; DELETE FROM meta WHERE key IN ('header_sha256', 'header_seq')");
    if (schema === 80) db.exec('DROP TABLE checkpoint_timestamps');
    // Later migrations run again on the way up: their changes go too.
    db.exec('ALTER TABLE objects DROP COLUMN binding; ALTER TABLE items DROP COLUMN raw_name_salt');
    db.exec('DROP TABLE received_timestamps; DROP TABLE received_checkpoints');
    db.exec('DROP TABLE received_records; DROP TABLE sent_package_records; DROP TABLE sent_packages');
    db.exec(
      'ALTER TABLE imported_packages DROP COLUMN update_of; ALTER TABLE imported_packages DROP COLUMN record_set',
    );
    db.pragma(`user_version = ${schema}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  // Format 1 listed passphrase slots in the order members came, the recovery slot after the first.
  const order = (r: Role): number => (r.kind === 'recovery' ? 1 : 0);
  const slots = [...roles]
    .sort((a, b) => order(a) - order(b))
    .map((r) => {
      const s = header.slots.find((x) => x.id === r.slot);
      if (!s) throw new Error('slot missing');
      return {
        id: s.id,
        kind: r.kind,
        memberId: r.member,
        kdf: s.kdf,
        wrappedKey: s.wrappedKey,
        ...(r.kind === 'passphrase' ? { wrappedSigningKey: s.wrappedSigningKey } : {}),
      };
    });
  fs.writeFileSync(
    path.join(dir, 'vault.json'),
    `${JSON.stringify({ format: 'vigil-vault', version: 1, vaultId: header.vaultId, slots }, null, 2)}\n`,
  );
  return roles;
}

/** A vault of two members whose files are then closed. */
async function twoMembers(): Promise<{ dir: string; recoveryCode: string; memberIds: string[] }> {
  const { dir, vault, recoveryCode } = await newTestVault();
  await addMember(vault, 'Second Investigator', SECOND, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
  const memberIds = listMembers(vault.db).map((m) => m.id);
  await vault.close();
  return { dir, recoveryCode, memberIds };
}

describe('vault key slots in vault.json', () => {
  it('say nothing of whose they are or which is the recovery code', async () => {
    const { dir, memberIds } = await twoMembers();
    const text = fs.readFileSync(path.join(dir, 'vault.json'), 'utf8');
    const json = JSON.parse(text) as { version: number; slots: Record<string, unknown>[] };
    expect(json.version).toBe(2);
    expect(json.slots).toHaveLength(3);
    for (const s of json.slots) expect(Object.keys(s)).toEqual(['id', 'kdf', 'wrappedKey', 'wrappedSigningKey']);
    for (const word of ['passphrase', 'recovery', 'memberId', 'kind', ...memberIds]) expect(text).not.toContain(word);
    expect(new Set(json.slots.map((s) => JSON.stringify(s.kdf).replace(/"salt":"[^"]+"/, '')))).toHaveProperty(
      'size',
      1,
    );
  });

  it("open with either member's passphrase and with the recovery code, each as the right member and kind", async () => {
    const { dir, recoveryCode, memberIds } = await twoMembers();
    for (const [secret, member, recovery] of [
      [{ passphrase: TEST_PASSPHRASE }, memberIds[0], false],
      [{ passphrase: SECOND }, memberIds[1], false],
      [{ recoveryCode }, memberIds[0], true],
    ] as const) {
      const vault = await openVault(dir, secret);
      expect([vault.member.id, vault.needsNewPassphrase]).toEqual([member, recovery]);
      await vault.close();
    }
    const before = snapshotFiles(dir);
    await expect(openVault(dir, { passphrase: 'not anyone at all' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('keep their roles through member removal and a new recovery code', async () => {
    const { dir, memberIds } = await twoMembers();
    const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    await removeMember(vault, memberIds[1] ?? '');
    const { recoveryCode } = await replaceRecoveryCode(vault, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
    expect(vault.db.prepare('SELECT kind FROM key_slots ORDER BY kind').pluck().all()).toEqual([
      'passphrase',
      'recovery',
    ]);
    await vault.close();
    expect((await readVaultHeader(dir)).slots).toHaveLength(2);
    await expect(openVault(dir, { passphrase: SECOND })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const recovered = await openVault(dir, { recoveryCode });
    expect(recovered.needsNewPassphrase).toBe(true);
    await recovered.close();
  });

  it('a slot the database does not know is refused, not guessed at', async () => {
    const { dir } = await twoMembers();
    const header = await readVaultHeader(dir);
    const { masterKey } = await unlockWithSecret(header, { passphrase: SECOND });
    const db = openEncryptedDatabase(path.join(dir, 'vault.db'), deriveSqlcipherKey(masterKey));
    db.exec(
      "DELETE FROM key_slots WHERE kind = 'passphrase' AND member_id <> (SELECT id FROM members ORDER BY " +
        'created_at LIMIT 1)',
    );
    db.close();
    await expect(openVault(dir, { passphrase: SECOND })).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    await (await openVault(dir, { passphrase: TEST_PASSPHRASE })).close();
  });
});

describe('vault key slots of a format 1 vault', () => {
  it(
    'still open with every secret, and vault.json is ' + 'rewritten as format 2 on the first unlock, roles kept',
    async () => {
      const { dir, recoveryCode, memberIds } = await twoMembers();
      const roles = await rewriteAsFormat1(dir);
      expect(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8')).toContain('"kind": "recovery"');
      expect((await readVaultHeader(dir)).version).toBe(1);

      const first = await openVault(dir, { passphrase: SECOND });
      expect(first.member.id).toBe(memberIds[1]);
      const known = first.db
        .prepare('SELECT slot_id AS slot, member_id AS member, kind FROM key_slots')
        .all() as Role[];
      expect(known.sort((a, b) => a.slot.localeCompare(b.slot))).toEqual(
        [...roles].sort((a, b) => a.slot.localeCompare(b.slot)),
      );
      await first.close();
      const text = fs.readFileSync(path.join(dir, 'vault.json'), 'utf8');
      expect(JSON.parse(text)).toMatchObject({ version: 2 });
      expect(text).not.toContain('recovery');

      for (const [secret, recovery] of [
        [{ passphrase: TEST_PASSPHRASE }, false],
        [{ recoveryCode }, true],
      ] as const) {
        const vault = await openVault(dir, secret);
        expect(vault.needsNewPassphrase).toBe(recovery);
        await vault.close();
      }
    },
  );

  it('at schema 100 without key_slots (made before 0090 was numbered) gets the table and is upgraded', async () => {
    const { dir, memberIds } = await twoMembers();
    await rewriteAsFormat1(dir, 100);
    expect(await headerCheck(dir, SECOND)).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/custody entry 2 recorded/),
    });
    expect((await readVaultHeader(dir)).version).toBe(2);
    const vault = await openVault(dir, { passphrase: SECOND });
    expect(vault.member.id).toBe(memberIds[1]);
    await vault.close();
  });

  it('after a recovery-code unlock, which cannot sign, stays format 1 until the new passphrase is set', async () => {
    const { dir, recoveryCode } = await twoMembers();
    await rewriteAsFormat1(dir);
    const vault = await openVault(dir, { recoveryCode });
    expect(vault.needsNewPassphrase).toBe(true);
    expect((await readVaultHeader(dir)).version).toBe(1);
    await changePassphrase(vault, NEW, { currentSecret: recoveryCode, kdf: await fastKdf() });
    await vault.close();
    expect((await readVaultHeader(dir)).version).toBe(2);
    expect(await headerCheck(dir, NEW)).toMatchObject({ ok: true });
  });

  it(
    'is upgraded as a recorded header change: the log names ' + "the bytes written, and verify's header check passes",
    async () => {
      const { dir } = await twoMembers();
      await rewriteAsFormat1(dir);
      expect(await headerCheck(dir, TEST_PASSPHRASE)).toMatchObject({
        ok: true,
        detail: expect.stringMatching(/custody entry 2 recorded/),
      });
      const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
      const last = [...iterateStoredEntries(vault.db)]
        .map((e) => JSON.parse(e.canonical) as { action: string; data: Record<string, unknown> })
        .at(-1);
      await vault.close();
      expect(last).toMatchObject({
        action: 'vault.header_upgraded',
        data: {
          fromVersion: 1,
          formatVersion: 2,
          headerSha256: headerSha256(fs.readFileSync(path.join(dir, 'vault.json'))),
        },
      });
      // The same slots in another order are other bytes than the log named: the check catches it.
      // (The header's text shuffles its slots, so a rewrite can land on the named order: write until it does not.)
      const header = await readVaultHeader(dir);
      const named = fs.readFileSync(path.join(dir, 'vault.json'));
      do await writeVaultHeader(dir, { vaultId: header.vaultId, slots: [...header.slots].reverse() });
      while (fs.readFileSync(path.join(dir, 'vault.json')).equals(named));
      expect(await headerCheck(dir, TEST_PASSPHRASE)).toMatchObject({ ok: false, subject: 'vault.json' });
    },
  );

  it('an upgrade killed after its commit is finished at the next unlock, by any secret, roles and all', async () => {
    const { dir, recoveryCode } = await twoMembers();
    await rewriteAsFormat1(dir);
    const v1 = fs.readFileSync(path.join(dir, 'vault.json'));
    await (await openVault(dir, { passphrase: SECOND })).close();
    fs.renameSync(path.join(dir, 'vault.json'), path.join(dir, PENDING_HEADER_FILE));
    fs.writeFileSync(path.join(dir, 'vault.json'), v1);
    const vault = await openVault(dir, { recoveryCode });
    expect(vault.recovered.header).toBe('completed');
    await vault.close();
    expect((await readVaultHeader(dir)).version).toBe(2);
    expect(await headerCheck(dir, SECOND)).toMatchObject({ ok: true });
  });

  it('an upgrade killed before its commit is dropped, and made again at the next unlock', async () => {
    const { dir } = await twoMembers();
    await rewriteAsFormat1(dir);
    const header = await readVaultHeader(dir);
    fs.writeFileSync(
      path.join(dir, PENDING_HEADER_FILE),
      vaultHeaderText({ vaultId: header.vaultId, slots: header.slots }),
    );
    const vault = await openVault(dir, { passphrase: SECOND });
    expect(vault.recovered.header).toBe('dropped');
    await vault.close();
    expect((await readVaultHeader(dir)).version).toBe(2);
    expect(await headerCheck(dir, TEST_PASSPHRASE)).toMatchObject({ ok: true });
  });
});

/** The `header` finding of a quick verify. */
async function headerCheck(dir: string, passphrase: string): Promise<Finding | undefined> {
  const vault = await openVault(dir, { passphrase });
  try {
    return (await verifyVault(vault, { quick: true })).findings.find((f) => f.check === 'header');
  } finally {
    await vault.close();
  }
}

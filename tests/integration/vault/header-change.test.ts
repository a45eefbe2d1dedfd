import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { headerSha256, PENDING_HEADER_FILE, recordedHeader } from '../../../main/vault/header-change';
import { vaultHeaderText } from '../../../main/vault/keys/header';
import { createPassphraseSlot, openSlot } from '../../../main/vault/keys/slots';
import { openVault } from '../../../main/vault/open';
import { addMember, changePassphrase } from '../../../main/vault/passphrases';
import { currentSlots } from '../../../main/vault/slot-roles';
import { verifyVault } from '../../../main/checks/verify-vault';
import type { Finding } from '../../../main/vault/finding';
import { fastKdf, newTestVault, runCli, TEST_PASSPHRASE } from '../../helpers/vault';

const NEW_PASSPHRASE = 'a second passphrase here';

/** The vault's custody entries, parsed. */
function entries(vault: Awaited<ReturnType<typeof openVault>>): { action: string; data: Record<string, unknown> }[] {
  return [...iterateStoredEntries(vault.db)].map(
    (e) => JSON.parse(e.canonical) as { action: string; data: Record<string, unknown> },
  );
}

async function headerFindings(dir: string): Promise<Finding[]> {
  const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  try {
    return (await verifyVault(vault, { quick: true })).findings.filter((f) => f.check === 'header');
  } finally {
    await vault.close();
  }
}

/** A vault whose passphrase change was committed but killed before vault.json was replaced. */
async function changeKilledAfterCommit(): Promise<{ dir: string; before: Buffer }> {
  const { dir, vault } = await newTestVault();
  const before = readFileSync(path.join(dir, 'vault.json'));
  await changePassphrase(vault, NEW_PASSPHRASE, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
  await vault.close();
  renameSync(path.join(dir, 'vault.json'), path.join(dir, PENDING_HEADER_FILE));
  writeFileSync(path.join(dir, 'vault.json'), before);
  return { dir, before };
}

describe('vault/header-change: key-slot changes across vault.json and vault.db', () => {
  it('records the hash of every header it writes in the custody entry of the change', async () => {
    const { dir, vault } = await newTestVault();
    await addMember(vault, 'Second Investigator', 'their own passphrase', {
      currentSecret: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    });
    const current = headerSha256(readFileSync(path.join(dir, 'vault.json')));
    const log = entries(vault);
    expect(log.map((e) => e.action)).toEqual(['vault.created', 'member.added']);
    expect(log[1]?.data.headerSha256).toBe(current);
    expect(typeof log[0]?.data.headerSha256).toBe('string');
    expect(recordedHeader(vault.db)).toEqual({ sha256: current, seq: 1 });
    await vault.close();
    expect(existsSync(path.join(dir, PENDING_HEADER_FILE))).toBe(false);
  });

  it(
    'finishes a recorded change at the next unlock: the ' + 'new passphrase opens, the old one no longer does',
    async () => {
      const { dir, before } = await changeKilledAfterCommit();
      await expect(openVault(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
        code: 'WRONG_PASSPHRASE',
        message: expect.stringMatching(/recorded has just been finished/),
      });
      expect(existsSync(path.join(dir, PENDING_HEADER_FILE))).toBe(false);
      expect(readFileSync(path.join(dir, 'vault.json'))).not.toEqual(before);
      const vault = await openVault(dir, { passphrase: NEW_PASSPHRASE });
      expect(vault.recovered.header).toBe('none');
      expect((await verifyVault(vault, { quick: true })).findings.filter((f) => !f.ok)).toEqual([]);
      await vault.close();
    },
  );

  it('opens with the new passphrase of a recorded change and says it finished it', async () => {
    const { dir } = await changeKilledAfterCommit();
    const vault = await openVault(dir, { passphrase: NEW_PASSPHRASE });
    expect(vault.recovered.header).toBe('completed');
    await vault.close();
  });

  it('drops a pending header the log does not name: its slot never opens, the old passphrase does', async () => {
    const { dir, vault } = await newTestVault();
    const header = await currentSlots(vault);
    const own = header.slots.find((s) => s.kind === 'passphrase');
    if (!own) throw new Error('no passphrase slot');
    const { masterKey, signingSeed } = await openSlot(header.vaultId, own, TEST_PASSPHRASE);
    const extra = await createPassphraseSlot({
      vaultId: header.vaultId,
      memberId: own.memberId,
      masterKey,
      signingSeed: signingSeed ?? new Uint8Array(32),
      passphrase: NEW_PASSPHRASE,
      limits: await fastKdf(),
    });
    await vault.close();
    // What a change killed before its commit leaves: a whole new header nobody recorded.
    writeFileSync(path.join(dir, PENDING_HEADER_FILE), vaultHeaderText({ ...header, slots: [...header.slots, extra] }));
    writeFileSync(path.join(dir, '.vault.json.pending.0123456789abcdef.tmp'), '{"half": ');
    await expect(openVault(dir, { passphrase: NEW_PASSPHRASE })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: expect.stringMatching(/interrupted before it was recorded/),
    });
    expect(existsSync(path.join(dir, PENDING_HEADER_FILE))).toBe(false);
    expect(existsSync(path.join(dir, '.vault.json.pending.0123456789abcdef.tmp'))).toBe(false);
    await expect(openVault(dir, { passphrase: NEW_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await headerFindings(dir)).toMatchObject([{ ok: true }]);
  });

  it('commits the record while vault.json is still the old header and the new one waits in the pending file', async () => {
    const { dir, vault } = await newTestVault();
    const before = readFileSync(path.join(dir, 'vault.json'));
    // What the files hold at the moment the change's custody entry is written, inside its transaction: a kill there
    // must find the old header in place (the crash tests cannot stop between a rename and SQLite's commit).
    const seen: { header: Buffer; pending: Buffer | null }[] = [];
    vault.db.function('vigil_test_observe', () => {
      const pending = path.join(dir, PENDING_HEADER_FILE);
      seen.push({
        header: readFileSync(path.join(dir, 'vault.json')),
        pending: existsSync(pending) ? readFileSync(pending) : null,
      });
      return 0;
    });
    vault.db.exec('CREATE TEMP TRIGGER observe AFTER INSERT ON custody_log BEGIN SELECT vigil_test_observe(); END');
    await changePassphrase(vault, NEW_PASSPHRASE, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
    const recorded = recordedHeader(vault.db);
    await vault.close();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.header).toEqual(before);
    expect(headerSha256(seen[0]?.pending ?? '')).toBe(recorded?.sha256);
    expect(headerSha256(readFileSync(path.join(dir, 'vault.json')))).toBe(recorded?.sha256);
  });

  it('a change whose record fails to commit leaves vault.json byte for byte as it was', async () => {
    const { dir, vault } = await newTestVault();
    const before = readFileSync(path.join(dir, 'vault.json'));
    vault.db.exec(
      "CREATE TEMP TRIGGER refuse BEFORE INSERT ON custody_log BEGIN SELECT RAISE(ABORT, 'the write failed'); END",
    );
    await expect(
      changePassphrase(vault, NEW_PASSPHRASE, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() }),
    ).rejects.toThrow(/the write failed/);
    await vault.close();
    expect(readFileSync(path.join(dir, 'vault.json'))).toEqual(before);
    expect(existsSync(path.join(dir, PENDING_HEADER_FILE))).toBe(false);
    await expect(openVault(dir, { passphrase: NEW_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await (await openVault(dir, { passphrase: TEST_PASSPHRASE })).close();
  });

  it('the command line says on stderr what unlocking put right', async () => {
    const { dir } = await changeKilledAfterCommit();
    const status = runCli(['status', dir], { VIGIL_PASSPHRASE: NEW_PASSPHRASE });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stderr).toMatch(
      /vigil: note: An interrupted change of passphrases, members or the recovery code had been recorded; it is now finished\./,
    );
  });
});

describe('vault/verifyVault: vault.json is the header the log last named', () => {
  it('passes on a fresh vault and after changes', async () => {
    const { dir, vault } = await newTestVault();
    await changePassphrase(vault, NEW_PASSPHRASE, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
    await changePassphrase(vault, TEST_PASSPHRASE, { currentSecret: NEW_PASSPHRASE, kdf: await fastKdf() });
    await vault.close();
    expect(await headerFindings(dir)).toMatchObject([
      { ok: true, detail: expect.stringMatching(/custody entry 2 recorded/) },
    ]);
  });

  it('catches a vault.json restored from an older copy', async () => {
    const { dir, vault } = await newTestVault();
    copyFileSync(path.join(dir, 'vault.json'), path.join(dir, 'vault.json.bak'));
    await addMember(vault, 'Second Investigator', 'their own passphrase', {
      currentSecret: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    });
    await vault.close();
    renameSync(path.join(dir, 'vault.json.bak'), path.join(dir, 'vault.json'));
    expect(await headerFindings(dir)).toMatchObject([
      { ok: false, subject: 'vault.json', detail: expect.stringMatching(/not the header custody entry 1 recorded/) },
    ]);
  });

  it("catches a slot added to vault.json behind the log's back", async () => {
    const { dir, vault } = await newTestVault();
    const header = await currentSlots(vault);
    await vault.close();
    const own = header.slots.find((s) => s.kind === 'passphrase');
    if (!own) throw new Error('no passphrase slot');
    const { masterKey, signingSeed } = await openSlot(header.vaultId, own, TEST_PASSPHRASE);
    const extra = await createPassphraseSlot({
      vaultId: header.vaultId,
      memberId: own.memberId,
      masterKey,
      signingSeed: signingSeed ?? new Uint8Array(32),
      passphrase: NEW_PASSPHRASE,
      limits: await fastKdf(),
    });
    writeFileSync(path.join(dir, 'vault.json'), vaultHeaderText({ ...header, slots: [...header.slots, extra] }));
    expect(await headerFindings(dir)).toMatchObject([{ ok: false, subject: 'vault.json' }]);
  });

  it('catches a recorded hash that the custody entry it points to does not name', async () => {
    const { vault } = await newTestVault();
    await changePassphrase(vault, NEW_PASSPHRASE, { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
    vault.db.prepare("UPDATE meta SET value = '0' WHERE key = 'header_seq'").run();
    const findings = (await verifyVault(vault, { quick: true })).findings.filter((f) => f.check === 'header');
    await vault.close();
    expect(findings).toMatchObject([{ ok: false, subject: 'seq 0', detail: expect.stringMatching(/does not/) }]);
  });
});

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey, generateSigningSeed } from '../../../../main/vault/keys/derive';
import {
  VAULT_FORMAT_VERSION,
  readVaultHeader,
  writeVaultHeader,
  type KeySlot,
  type VaultHeader,
} from '../../../../main/vault/keys/header';
import { generateRecoveryCode } from '../../../../main/vault/keys/recovery-code';
import {
  createPassphraseSlot,
  createRecoverySlot,
  defaultKdfLimits,
  minimumKdfLimits,
  openSlot,
  unlockWithSecret,
  type KdfLimits,
} from '../../../../main/vault/keys/slots';

const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex');
const PASS = 'correct horse battery staple';

let limits: KdfLimits;
let dir: string;
const vaultId = randomUUID();
const memberId = randomUUID();
const masterKey = generateMasterKey();
const seed = generateSigningSeed();
const recoveryCode = generateRecoveryCode();
let pass: KeySlot;
let recovery: KeySlot;
let header: VaultHeader;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  limits = await minimumKdfLimits();
  pass = await createPassphraseSlot({ vaultId, memberId, masterKey, signingSeed: seed, passphrase: PASS, limits });
  recovery = await createRecoverySlot({ vaultId, memberId, masterKey, recoveryCode, limits });
  header = { format: 'vigil-vault', version: VAULT_FORMAT_VERSION, vaultId, slots: [pass, recovery] };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Flips one bit in the middle of a base64 value, keeping its length valid. */
function flip(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[Math.floor(bytes.length / 2)]! ^= 1;
  return bytes.toString('base64');
}
const clone = (s: KeySlot): KeySlot => structuredClone(s);
/** A format 1 header: each slot's kind and member named. */
const format1 = (slots: KeySlot[]): VaultHeader => ({
  ...header,
  version: 1,
  slots: slots
    .map(({ kind, memberId: m, ...sealed }) => ({
      ...sealed,
      ...(kind === 'recovery' ? { wrappedSigningKey: undefined } : {}),
      role: { kind, memberId: m },
    }))
    .map(({ wrappedSigningKey, ...rest }) => (wrappedSigningKey ? { ...rest, wrappedSigningKey } : rest)),
});

describe('vault/keys/slots/createPassphraseSlot', () => {
  it('round-trips the master key and signing seed', async () => {
    expect(pass.kind).toBe('passphrase');
    expect(pass.memberId).toBe(memberId);
    expect(pass.kdf).toMatchObject({ alg: 'argon2id13', opslimit: limits.opslimit, memlimit: limits.memlimit });
    const opened = await openSlot(vaultId, pass, PASS);
    expect(hex(opened.masterKey)).toBe(hex(masterKey));
    expect(hex(opened.signingSeed)).toBe(hex(seed));
    expect(opened.slot.id).toBe(pass.id);
  });

  it('gives each slot its own salt and nonces', async () => {
    const again = await createPassphraseSlot({
      vaultId,
      memberId,
      masterKey,
      signingSeed: seed,
      passphrase: PASS,
      limits,
    });
    expect(again.id).not.toBe(pass.id);
    expect(again.kdf.salt).not.toBe(pass.kdf.salt);
    expect(again.wrappedKey.nonce).not.toBe(pass.wrappedKey.nonce);
  });

  it('refuses an empty passphrase, bad ids, wrong key sizes and out-of-range limits', async () => {
    const base = { vaultId, memberId, masterKey, signingSeed: seed, passphrase: PASS, limits };
    await expect(createPassphraseSlot({ ...base, passphrase: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(createPassphraseSlot({ ...base, vaultId: 'nope' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(createPassphraseSlot({ ...base, masterKey: new Uint8Array(16) })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(createPassphraseSlot({ ...base, signingSeed: new Uint8Array(64) })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(createPassphraseSlot({ ...base, limits: { opslimit: 0, memlimit: 8192 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('treats NFC and NFD spellings of a passphrase as the same passphrase', async () => {
    const nfd = 'Cafe\u0301 Ñandú'.normalize('NFD');
    const nfc = nfd.normalize('NFC');
    expect(nfd).not.toBe(nfc);
    const slot = await createPassphraseSlot({
      vaultId,
      memberId,
      masterKey,
      signingSeed: seed,
      passphrase: nfd,
      limits,
    });
    expect(hex((await openSlot(vaultId, slot, nfc)).masterKey)).toBe(hex(masterKey));
    expect(hex((await openSlot(vaultId, slot, nfd)).masterKey)).toBe(hex(masterKey));
  });

  it('uses the default MODERATE limits when none are given, and they still open', async () => {
    const moderate = await defaultKdfLimits();
    expect(moderate.memlimit).toBe(256 * 1024 * 1024);
    const slot = await createPassphraseSlot({ vaultId, memberId, masterKey, signingSeed: seed, passphrase: PASS });
    expect(slot.kdf).toMatchObject({ opslimit: moderate.opslimit, memlimit: moderate.memlimit });
    expect(hex((await openSlot(vaultId, slot, PASS)).masterKey)).toBe(hex(masterKey));
  });
});

describe('vault/keys/slots/createRecoverySlot', () => {
  it(
    'round-trips with the code however it is typed, and ' + 'carries random bytes where a signing key would be',
    async () => {
      expect(Buffer.from(recovery.wrappedSigningKey?.ciphertext ?? '', 'base64')).toHaveLength(
        Buffer.from(pass.wrappedSigningKey?.ciphertext ?? '', 'base64').length,
      );
      const typed = recoveryCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
      const opened = await openSlot(vaultId, recovery, typed);
      expect(hex(opened.masterKey)).toBe(hex(masterKey));
      expect(opened.signingSeed).toBeUndefined();
    },
  );

  it('refuses a malformed code with INVALID_INPUT', async () => {
    await expect(openSlot(vaultId, recovery, 'not a code')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('vault/keys/slots/openSlot', () => {
  it('rejects a wrong passphrase with WRONG_PASSPHRASE and leaves vault.json byte-identical', async () => {
    await writeVaultHeader(dir, header);
    const file = path.join(dir, 'vault.json');
    const before = fs.readFileSync(file);
    const statBefore = fs.statSync(file);
    const fromDisk = await readVaultHeader(dir);
    const err = await unlockWithSecret(fromDisk, { passphrase: 'correct horse battery stapl' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect((err as Error).message).toMatch(/Caps Lock/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(statBefore.mtimeMs);
    expect(fs.readdirSync(dir)).toEqual(['vault.json']);
  });

  it('rejects the right passphrase with the wrong case', async () => {
    await expect(openSlot(vaultId, pass, PASS.toUpperCase())).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  const tamperings: [string, (s: KeySlot) => void, string][] = [
    [
      'the wrapped key nonce',
      (s) => {
        s.wrappedKey.nonce = flip(s.wrappedKey.nonce);
      },
      'WRONG_PASSPHRASE',
    ],
    [
      'the wrapped key ciphertext',
      (s) => {
        s.wrappedKey.ciphertext = flip(s.wrappedKey.ciphertext);
      },
      'WRONG_PASSPHRASE',
    ],
    [
      'the salt',
      (s) => {
        s.kdf.salt = flip(s.kdf.salt);
      },
      'WRONG_PASSPHRASE',
    ],
    [
      'the opslimit',
      (s) => {
        s.kdf.opslimit += 1;
      },
      'WRONG_PASSPHRASE',
    ],
    [
      'the memlimit',
      (s) => {
        s.kdf.memlimit += 1024;
      },
      'WRONG_PASSPHRASE',
    ],
    [
      'the slot id (associated data)',
      (s) => {
        s.id = randomUUID();
      },
      'WRONG_PASSPHRASE',
    ],
    [
      'the signing key nonce',
      (s) => {
        s.wrappedSigningKey!.nonce = flip(s.wrappedSigningKey!.nonce);
      },
      'VAULT_CORRUPT',
    ],
    [
      'the signing key ciphertext',
      (s) => {
        s.wrappedSigningKey!.ciphertext = flip(s.wrappedSigningKey!.ciphertext);
      },
      'VAULT_CORRUPT',
    ],
    [
      'the signing key swapped for the master key',
      (s) => {
        s.wrappedSigningKey = { ...s.wrappedKey };
      },
      'VAULT_CORRUPT',
    ],
  ];

  it.each(tamperings)('fails when %s is changed', async (_what, tamper, code) => {
    const s = clone(pass);
    tamper(s);
    await expect(openSlot(vaultId, s, PASS)).rejects.toMatchObject({ code });
  });

  it('fails when the slot is presented for another vault (vault id in the associated data)', async () => {
    await expect(openSlot(randomUUID(), pass, PASS)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('fails when a recovery slot is moved to another vault id', async () => {
    await expect(openSlot(randomUUID(), recovery, recoveryCode)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });
});

describe('vault/keys/slots/unlockWithSecret', () => {
  it('finds the passphrase slot among several members', async () => {
    const other = await createPassphraseSlot({
      vaultId,
      memberId: randomUUID(),
      masterKey,
      signingSeed: generateSigningSeed(),
      passphrase: 'other member',
      limits,
    });
    const h: VaultHeader = { ...header, slots: [recovery, other, pass] };
    const opened = await unlockWithSecret(h, { passphrase: PASS });
    expect(opened.slot.id).toBe(pass.id);
    expect(hex(opened.signingSeed)).toBe(hex(seed));
    expect((await unlockWithSecret(h, { passphrase: 'other member' })).slot.id).toBe(other.id);
  });

  it('opens with the recovery code, given as a code or typed into the passphrase field', async () => {
    expect((await unlockWithSecret(header, { recoveryCode })).slot.id).toBe(recovery.id);
    expect((await unlockWithSecret(header, { passphrase: recoveryCode })).slot.id).toBe(recovery.id);
  });

  it('in a format 1 header, does not let a code open through a passphrase slot (kinds are named there)', async () => {
    const codeAsPass = await createPassphraseSlot({
      vaultId,
      memberId,
      masterKey,
      signingSeed: seed,
      passphrase: recoveryCode,
      limits,
    });
    const h = format1([codeAsPass]);
    await expect(unlockWithSecret(h, { recoveryCode })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it("in a format 1 header, tries only the slots of the secret's kind", async () => {
    const h = format1([pass, recovery]);
    expect((await unlockWithSecret(h, { passphrase: PASS })).slot.role).toEqual({ kind: 'passphrase', memberId });
    expect((await unlockWithSecret(h, { recoveryCode })).slot.role).toEqual({ kind: 'recovery', memberId });
    expect((await unlockWithSecret(h, { passphrase: recoveryCode })).slot.id).toBe(recovery.id);
  });

  it('in a format 2 header, tries every slot: whatever their order, each secret finds its own', async () => {
    const other = await createPassphraseSlot({
      vaultId,
      memberId: randomUUID(),
      masterKey,
      signingSeed: generateSigningSeed(),
      passphrase: 'other member',
      limits,
    });
    for (const slots of [
      [pass, other, recovery],
      [recovery, other, pass],
      [other, recovery, pass],
    ]) {
      const h: VaultHeader = { ...header, slots: slots.map(({ kind: _k, memberId: _m, ...sealed }) => sealed) };
      const mine = await unlockWithSecret(h, { passphrase: PASS });
      expect([mine.slot.id, hex(mine.signingSeed)]).toEqual([pass.id, hex(seed)]);
      const code = await unlockWithSecret(h, { recoveryCode });
      expect([code.slot.id, code.signingSeed]).toEqual([recovery.id, undefined]);
      expect((await unlockWithSecret(h, { passphrase: 'other member' })).slot.id).toBe(other.id);
      await expect(unlockWithSecret(h, { passphrase: 'nobody at all' })).rejects.toMatchObject({
        code: 'WRONG_PASSPHRASE',
      });
    }
  });

  it('says WRONG_PASSPHRASE for a wrong code and INVALID_INPUT for an empty passphrase', async () => {
    await expect(unlockWithSecret(header, { recoveryCode: generateRecoveryCode() })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await expect(unlockWithSecret(header, { passphrase: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

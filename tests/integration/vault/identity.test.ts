import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt, encodeIdentity, parseRecipient } from '../../../main/crypto/age';
import { keyIdHex, minisignSign, minisignVerify, parseMinisignPublicKey } from '../../../main/crypto/minisign';
import { keyFingerprint, memberIdentity, memberMinisignKey } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import { addMember, changePassphrase } from '../../../main/vault/passphrases';
import { hasTool } from '../../helpers/tools';
import { fastKdf, newTestVault, TEST_PASSPHRASE, tempDir } from '../../helpers/vault';

const hasAge = hasTool('age');
const hasMinisign = hasTool('minisign');
const FINGERPRINT = /^([0-9A-HJKMNP-TV-Z]{4} ){5}[0-9A-HJKMNP-TV-Z]{4}$/;

function secretOf(id: ReturnType<typeof memberIdentity>): Uint8Array {
  if (id.ageIdentity.kind !== 'x25519') throw new Error('expected an X25519 identity');
  return id.ageIdentity.secretKey;
}

describe('vault/identity/memberIdentity', () => {
  it('gives an age recipient and the custody key as a minisign key, with readable fingerprints', async () => {
    const { vault } = await newTestVault();
    try {
      const id = memberIdentity(vault);
      expect(id.ageRecipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
      expect(parseRecipient(id.ageRecipient).kind).toBe('x25519');
      const pub = parseMinisignPublicKey(id.minisignPublicKey);
      expect(Buffer.from(pub.publicKey).toString('hex')).toBe(vault.member.publicKeyHex);
      expect(id.minisignKeyId).toBe(keyIdHex(pub.keyId));
      expect(id.minisignPublicKey.split('\n')[0]).toBe(`untrusted comment: minisign public key ${id.minisignKeyId}`);
      expect(id.fingerprints.age).toMatch(FINGERPRINT);
      expect(id.fingerprints.minisign).toMatch(FINGERPRINT);
      expect(id.fingerprints.age).toBe(keyFingerprint(id.ageRecipient));
      expect(id.fingerprints.minisign).not.toBe(id.fingerprints.age);
    } finally {
      await vault.close();
    }
  });

  it('is stable across unlocks and passphrase changes, and differs between members', async () => {
    const { dir, vault } = await newTestVault('Anna');
    const first = memberIdentity(vault);
    await addMember(vault, 'Boris', 'boris passphrase 1', { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
    await changePassphrase(vault, 'anna passphrase 2', { currentSecret: TEST_PASSPHRASE, kdf: await fastKdf() });
    await vault.close();
    const again = await openVault(dir, { passphrase: 'anna passphrase 2' });
    const second = memberIdentity(again);
    await again.close();
    expect(second.ageRecipient).toBe(first.ageRecipient);
    expect(second.minisignPublicKey).toBe(first.minisignPublicKey);
    expect(secretOf(second)).toEqual(secretOf(first));
    const boris = await openVault(dir, { passphrase: 'boris passphrase 1' });
    const other = memberIdentity(boris);
    await boris.close();
    expect(other.ageRecipient).not.toBe(first.ageRecipient);
    expect(other.fingerprints.minisign).not.toBe(first.fingerprints.minisign);
  });

  it('needs the signing key (refused after a recovery-code unlock) and changes when recovery rotates it', async () => {
    const { dir, vault, recoveryCode } = await newTestVault();
    const before = memberIdentity(vault);
    await vault.close();
    const recovered = await openVault(dir, { recoveryCode });
    try {
      expect(() => memberIdentity(recovered)).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
      await changePassphrase(recovered, 'a brand new passphrase', {
        currentSecret: recoveryCode,
        kdf: await fastKdf(),
      });
      const after = memberIdentity(recovered);
      expect(after.ageRecipient).not.toBe(before.ageRecipient);
      expect(after.minisignPublicKey).not.toBe(before.minisignPublicKey);
      expect(after.fingerprints.age).not.toBe(before.fingerprints.age);
    } finally {
      await recovered.close();
    }
  });

  it('opens what is encrypted to its recipient, and nothing encrypted to another member', async () => {
    const { vault } = await newTestVault();
    const { vault: otherVault } = await newTestVault();
    try {
      const id = memberIdentity(vault);
      const sealed = await ageEncrypt(Buffer.from('for Anna only'), [parseRecipient(id.ageRecipient)]);
      expect((await ageDecrypt(sealed, [id.ageIdentity])).toString()).toBe('for Anna only');
      await expect(ageDecrypt(sealed, [memberIdentity(otherVault).ageIdentity])).rejects.toMatchObject({
        code: 'AGE_NO_IDENTITY_MATCH',
      });
    } finally {
      await vault.close();
      await otherVault.close();
    }
  });

  it.skipIf(!hasAge)(
    'works with the real age: `age -r` to the printed recipient, `age -d -i` with the identity',
    async () => {
      const { vault } = await newTestVault();
      const dir = tempDir();
      try {
        const id = memberIdentity(vault);
        const idFile = path.join(dir, 'me.txt');
        fs.writeFileSync(idFile, `${encodeIdentity(secretOf(id))}\n`, { mode: 0o600 });
        const plain = path.join(dir, 'plain.txt');
        fs.writeFileSync(plain, 'a statement, 2026-03-01');
        const enc = spawnSync('age', ['-r', id.ageRecipient, '-o', `${plain}.age`, plain], { encoding: 'utf8' });
        expect(enc.status, enc.stderr).toBe(0);
        expect((await ageDecrypt(fs.readFileSync(`${plain}.age`), [id.ageIdentity])).toString()).toBe(
          'a statement, 2026-03-01',
        );
        fs.writeFileSync(
          path.join(dir, 'ours.age'),
          await ageEncrypt(Buffer.from('sealed by Vigil'), [parseRecipient(id.ageRecipient)]),
        );
        const dec = spawnSync('age', ['-d', '-i', idFile, path.join(dir, 'ours.age')], { encoding: 'utf8' });
        expect(dec.status, dec.stderr).toBe(0);
        expect(dec.stdout).toBe('sealed by Vigil');
      } finally {
        await vault.close();
      }
    },
  );

  it.skipIf(!hasMinisign)(
    'signs with memberMinisignKey so that `minisign -V` accepts the printed public key',
    async () => {
      const { vault } = await newTestVault();
      const dir = tempDir();
      try {
        const id = memberIdentity(vault);
        const file = path.join(dir, 'tagmanifest-sha512.txt');
        fs.writeFileSync(file, 'abc  data/x\n');
        const sig = await minisignSign(fs.readFileSync(file), memberMinisignKey(vault), 'member signature');
        fs.writeFileSync(`${file}.minisig`, sig);
        fs.writeFileSync(path.join(dir, 'me.pub'), id.minisignPublicKey);
        const r = spawnSync('minisign', ['-Vm', file, '-p', path.join(dir, 'me.pub')], { encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        expect(
          await minisignVerify(fs.readFileSync(file), sig, parseMinisignPublicKey(id.minisignPublicKey)),
        ).toMatchObject({ ok: true });
        // The signer still signs custody entries afterwards: memberMinisignKey lends the key, it does not consume it.
        expect(() => vault.requireSigner().sign(new Uint8Array(1))).not.toThrow();
      } finally {
        await vault.close();
      }
    },
  );
});

describe('vault/identity/keyFingerprint', () => {
  it('is the first 15 bytes of SHA-256 of the key text in Crockford base32', () => {
    const key = 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq';
    // Independent reference: the 120 bits as one big integer, read five bits at a time.
    let n = BigInt(`0x${createHash('sha256').update(key).digest().subarray(0, 15).toString('hex')}`);
    let digits = '';
    for (let i = 0; i < 24; i++, n >>= 5n) digits = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Number(n & 31n)] + digits;
    expect(keyFingerprint(key).replaceAll(' ', '')).toBe(digits);
  });

  it('is six groups of four Crockford digits and changes with any character of the key', () => {
    const a = 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq';
    expect(keyFingerprint(a)).toMatch(FINGERPRINT);
    expect(keyFingerprint(` ${a}\n`)).toBe(keyFingerprint(a));
    expect(keyFingerprint(a.replace(/q$/, 'p'))).not.toBe(keyFingerprint(a));
  });
});

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../main/crypto/sodium';
import {
  NONCE_BYTES,
  SALT_BYTES,
  TAG_BYTES,
  VAULT_FORMAT_VERSION,
  readVaultHeader,
  writeVaultHeader,
  type KeySlot,
  type StoredSlot,
  type VaultHeader,
} from '../../../../main/vault/keys/header';

const b64 = (n: number, fill = 1) => Buffer.alloc(n, fill).toString('base64');
const sealed = () => ({ nonce: b64(NONCE_BYTES), ciphertext: b64(32 + TAG_BYTES) });

/** A format 1 slot, as vault.json held it before issue 14: kind and member in the clear. */
function slot(kind: KeySlot['kind']): KeySlot {
  const s: KeySlot = {
    id: randomUUID(),
    kind,
    memberId: randomUUID(),
    kdf: { alg: 'argon2id13', opslimit: 2, memlimit: 67108864, salt: b64(SALT_BYTES) },
    wrappedKey: sealed(),
  };
  if (kind === 'passphrase') s.wrappedSigningKey = sealed();
  return s;
}

/** A format 2 slot: its sealed parts only. */
function stored(): StoredSlot {
  return {
    id: randomUUID(),
    kdf: { alg: 'argon2id13', opslimit: 2, memlimit: 67108864, salt: b64(SALT_BYTES) },
    wrappedKey: sealed(),
    wrappedSigningKey: sealed(),
  };
}

function header(): VaultHeader {
  return { format: 'vigil-vault', version: VAULT_FORMAT_VERSION, vaultId: randomUUID(), slots: [stored(), stored()] };
}

function headerV1(): Record<string, unknown> {
  return { format: 'vigil-vault', version: 1, vaultId: randomUUID(), slots: [slot('passphrase'), slot('recovery')] };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes arbitrary JSON as vault.json, bypassing the writer's validation. */
function writeRaw(value: unknown): void {
  fs.writeFileSync(path.join(dir, 'vault.json'), typeof value === 'string' ? value : JSON.stringify(value));
}

describe('vault/keys/header', () => {
  it('uses the byte sizes libsodium uses', async () => {
    const sodium = await loadSodium();
    expect(SALT_BYTES).toBe(sodium.crypto_pwhash_SALTBYTES);
    expect(NONCE_BYTES).toBe(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    expect(TAG_BYTES).toBe(sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES);
  });
});

describe('vault/keys/header/writeVaultHeader', () => {
  it('round-trips through readVaultHeader and writes plain JSON with no temp files left', async () => {
    const h = header();
    await writeVaultHeader(dir, h);
    const back = await readVaultHeader(dir);
    expect(back.version).toBe(2);
    expect([...back.slots].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...h.slots].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(fs.readdirSync(dir)).toEqual(['vault.json']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8'))).toEqual(back);
  });

  // Issue 14: format 1 told anyone with the folder whose each slot was and which one was the recovery code.
  it(
    'writes every slot alike: no kind, no member, a sealed signing key (random bytes for a recovery slot) and a ' +
      'random order',
    async () => {
      const slots = [slot('passphrase'), slot('passphrase'), slot('recovery')];
      const orders = new Set<string>();
      for (let i = 0; i < 12; i++) {
        await writeVaultHeader(dir, { vaultId: randomUUID(), slots });
        const text = fs.readFileSync(path.join(dir, 'vault.json'), 'utf8');
        const json = JSON.parse(text) as { version: number; slots: Record<string, { ciphertext?: string }>[] };
        expect(json.version).toBe(2);
        for (const s of json.slots) {
          expect(Object.keys(s)).toEqual(['id', 'kdf', 'wrappedKey', 'wrappedSigningKey']);
          expect(Buffer.from(s.wrappedSigningKey?.ciphertext ?? '', 'base64')).toHaveLength(32 + TAG_BYTES);
        }
        for (const word of ['passphrase', 'recovery', 'kind', 'member', ...slots.map((s) => s.memberId)])
          expect(text).not.toContain(word);
        orders.add(json.slots.map((s) => s.id).join());
      }
      expect(orders.size).toBeGreaterThan(1);
    },
  );

  it('refuses to write an invalid header', async () => {
    const h = header();
    h.slots[0]!.kdf.salt = 'short';
    await expect(writeVaultHeader(dir, h)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(fs.existsSync(path.join(dir, 'vault.json'))).toBe(false);
  });
});

describe('vault/keys/header/readVaultHeader format 1', () => {
  it("reads a format 1 header with each slot's role", async () => {
    const h = headerV1();
    writeRaw(h);
    const back = await readVaultHeader(dir);
    const [p, r] = h.slots as KeySlot[];
    expect(back.version).toBe(1);
    expect(back.slots.map((s) => s.role)).toEqual([
      { kind: 'passphrase', memberId: p?.memberId },
      { kind: 'recovery', memberId: r?.memberId },
    ]);
  });

  const v1Breakages: [string, (h: Record<string, unknown>) => unknown][] = [
    ['an unknown slot kind', (h) => ({ ...h, slots: [{ ...slot('recovery'), kind: 'yubikey' }] })],
    [
      'a passphrase slot without signing key',
      (h) => ({ ...h, slots: [(({ wrappedSigningKey: _w, ...s }) => s)(slot('passphrase'))] }),
    ],
    [
      'a recovery slot with a signing key',
      (h) => ({ ...h, slots: [{ ...slot('recovery'), wrappedSigningKey: sealed() }] }),
    ],
    ['a slot without member', (h) => ({ ...h, slots: [(({ memberId: _m, ...s }) => s)(slot('recovery'))] })],
  ];

  it.each(v1Breakages)('says VAULT_CORRUPT for %s', async (_name, breakIt) => {
    writeRaw(breakIt(headerV1()));
    await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
  });
});

describe('vault/keys/header/readVaultHeader', () => {
  it('says VAULT_NOT_FOUND, naming the folder, when there is no vault.json', async () => {
    const err = await readVaultHeader(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VAULT_NOT_FOUND' });
    expect((err as Error).message).toContain(dir);
    await expect(readVaultHeader(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
  });

  it('says VAULT_FROM_FUTURE, asking to update Vigil, for a newer version (even with an unknown shape)', async () => {
    writeRaw({ format: 'vigil-vault', version: VAULT_FORMAT_VERSION + 1, vaultId: randomUUID(), keyring: {} });
    const err = await readVaultHeader(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VAULT_FROM_FUTURE' });
    expect((err as Error).message).toMatch(/Update Vigil/);
  });

  const breakages: [string, (h: Record<string, unknown>) => unknown][] = [
    ['not JSON', () => '{"format": "vigil-vault",'],
    ['trailing garbage', (h) => `${JSON.stringify(h)} garbage`],
    ['a JSON array', () => []],
    ['another format', (h) => ({ ...h, format: 'other' })],
    ['version 0', (h) => ({ ...h, version: 0 })],
    ['version as a string', (h) => ({ ...h, version: '1' })],
    ['missing vaultId', ({ vaultId: _v, ...rest }) => rest],
    ['vaultId not a UUID', (h) => ({ ...h, vaultId: 'abc' })],
    ['missing slots', ({ slots: _s, ...rest }) => rest],
    ['no slots', (h) => ({ ...h, slots: [] })],
    ['an unknown top-level field', (h) => ({ ...h, extra: 'x' })],
    ['an unknown slot field', (h) => ({ ...h, slots: [{ ...stored(), label: 'Alice' }] })],
    [
      'a slot that names its kind and member (format 1 fields)',
      (h) => ({ ...h, slots: [{ ...stored(), kind: 'recovery', memberId: randomUUID() }] }),
    ],
    ['a slot without kdf', (h) => ({ ...h, slots: [(({ kdf: _k, ...s }) => s)(stored())] })],
    ['a slot without signing key', (h) => ({ ...h, slots: [(({ wrappedSigningKey: _w, ...s }) => s)(stored())] })],
    ['more than 64 slots', (h) => ({ ...h, slots: Array.from({ length: 65 }, () => stored()) })],
    ['a short salt', (h) => ({ ...h, slots: [{ ...stored(), kdf: { ...stored().kdf, salt: b64(8) } }] })],
    [
      'salt not base64',
      (h) => ({ ...h, slots: [{ ...stored(), kdf: { ...stored().kdf, salt: '!!!!!!!!!!!!!!!!!!!!!!==' } }] }),
    ],
    ['a wrong nonce size', (h) => ({ ...h, slots: [{ ...stored(), wrappedKey: { ...sealed(), nonce: b64(12) } }] })],
    [
      'a truncated ciphertext',
      (h) => ({ ...h, slots: [{ ...stored(), wrappedKey: { ...sealed(), ciphertext: b64(32) } }] }),
    ],
    ['an absurd memlimit', (h) => ({ ...h, slots: [{ ...stored(), kdf: { ...stored().kdf, memlimit: 2 ** 40 } }] })],
    ['opslimit 0', (h) => ({ ...h, slots: [{ ...stored(), kdf: { ...stored().kdf, opslimit: 0 } }] })],
    ['another KDF', (h) => ({ ...h, slots: [{ ...stored(), kdf: { ...stored().kdf, alg: 'scrypt' } }] })],
    [
      'duplicate slot ids',
      (h) => {
        const s = stored();
        return { ...h, slots: [s, { ...s }] };
      },
    ],
  ];

  it.each(breakages)('says VAULT_CORRUPT for %s', async (_name, breakIt) => {
    writeRaw(breakIt(header() as unknown as Record<string, unknown>));
    await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
  });

  it('says VAULT_CORRUPT for an oversized file', async () => {
    writeRaw(`${JSON.stringify(header())}${' '.repeat(2 * 1024 * 1024)}`);
    await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
  });
});

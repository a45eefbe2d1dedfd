import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkpointBody,
  checkpointOrigin,
  noteKeyId,
  noteKeyName,
  parseCheckpoint,
  signCheckpoint,
  verifierKey,
  verifyCheckpoint,
} from '../../../main/custody/checkpoint';
import { leafHash, merkleRoot } from '../../../main/custody/merkle';
import { loadSodium } from '../../../main/crypto/sodium';
import { isVigilError } from '../../../shared/errors';
import { VAULT_ID, newMember, type Member } from './custody-fixture';

const ROOT = merkleRoot([leafHash(Buffer.from('a')), leafHash(Buffer.from('b')), leafHash(Buffer.from('c'))]);
const ORIGIN = checkpointOrigin(VAULT_ID);

async function signed(m: Member, size = 3, root: Uint8Array = ROOT): Promise<string> {
  return signCheckpoint(checkpointBody(ORIGIN, size, root), m);
}

function parseError(note: string): string {
  try {
    parseCheckpoint(note);
  } catch (e) {
    expect(isVigilError(e) && e.code).toBe('CUSTODY_BROKEN');
    return (e as Error).message;
  }
  throw new Error('parseCheckpoint accepted a bad note');
}

// The example key and note of the Go reference implementation (golang.org/x/mod/sumdb/note), as data.
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIG_LINE =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('custody/checkpoint/noteKeyId', () => {
  it('reproduces the Go signed-note vector: key id, verifier key and signature bytes', async () => {
    const sodium = await loadSodium();
    const kp = sodium.crypto_sign_seed_keypair(GO_SEED);
    expect(verifierKey('PeterNeumann', kp.publicKey)).toBe(GO_VKEY);
    expect(Buffer.from(noteKeyId('PeterNeumann', kp.publicKey)).toString('hex')).toBe('c74f20a3');
    const sig = sodium.crypto_sign_detached(Buffer.from(GO_TEXT), kp.privateKey);
    const line =
      `\u2014 PeterNeumann ` + `${Buffer.concat([noteKeyId('PeterNeumann', kp.publicKey), sig]).toString('base64')}\n`;
    expect(line).toBe(GO_SIG_LINE);
  });

  it('refuses a public key that is not 32 bytes', () => {
    expect(() => noteKeyId('x', new Uint8Array(31))).toThrow(/32 bytes/);
  });
});

describe('custody/checkpoint/checkpointBody', () => {
  it('is origin, decimal size and base64 root, each ending in a newline', () => {
    expect(ORIGIN).toBe(`vigil/${VAULT_ID}`);
    expect(checkpointBody(ORIGIN, 3, ROOT)).toBe(`vigil/${VAULT_ID}\n3\n${ROOT.toString('base64')}\n`);
  });

  it('refuses what cannot be a checkpoint', () => {
    expect(() => checkpointBody('', 3, ROOT)).toThrow();
    expect(() => checkpointBody('a\nb', 3, ROOT)).toThrow();
    expect(() => checkpointBody(ORIGIN, -1, ROOT)).toThrow();
    expect(() => checkpointBody(ORIGIN, 1.5, ROOT)).toThrow();
    expect(() => checkpointBody(ORIGIN, 3, ROOT.subarray(1))).toThrow();
  });
});

describe('custody/checkpoint/noteKeyName', () => {
  it('is "vigil-" and the first 16 hex digits, a valid key name', async () => {
    const m = await newMember();
    expect(noteKeyName(m.hex)).toBe(`vigil-${m.hex.slice(0, 16)}`);
    expect(verifierKey(noteKeyName(m.hex), m.publicKey)).toMatch(
      /^vigil-[0-9a-f]{16}\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/,
    );
    expect(() => noteKeyName('ABC')).toThrow();
    expect(() => verifierKey('has space', m.publicKey)).toThrow();
    expect(() => verifierKey('has+plus', m.publicKey)).toThrow();
  });
});

describe('custody/checkpoint/signCheckpoint', () => {
  it('writes a signed note whose signature OpenSSL verifies over the body', async () => {
    const m = await newMember();
    const note = await signed(m);
    const body = checkpointBody(ORIGIN, 3, ROOT);
    expect(note.startsWith(`${body}\n\u2014 ${noteKeyName(m.hex)} `)).toBe(true);
    expect(note.endsWith('\n')).toBe(true);
    const p = parseCheckpoint(note);
    expect(p).toMatchObject({ origin: ORIGIN, size: 3, body });
    expect(p.root.equals(ROOT)).toBe(true);
    expect(p.signatures).toHaveLength(1);
    const [sig] = p.signatures;
    expect(sig?.keyId.equals(noteKeyId(noteKeyName(m.hex), m.publicKey))).toBe(true);
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(m.publicKey).toString('base64url') },
      format: 'jwk',
    });
    expect(nodeVerify(null, Buffer.from(body), key, sig?.signature ?? Buffer.alloc(0))).toBe(true);
  });

  it('refuses to sign a non-checkpoint or with a key pair that does not match', async () => {
    const [m, other] = [await newMember(), await newMember()];
    await expect(signCheckpoint('hello\n', m)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      signCheckpoint(checkpointBody(ORIGIN, 3, ROOT), { publicKey: m.publicKey, secretKey: other.secretKey }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('custody/checkpoint/verifyCheckpoint', () => {
  it('accepts a note signed by a trusted key and names the signer', async () => {
    const [m, other] = [await newMember(), await newMember()];
    const r = await verifyCheckpoint(await signed(m), [other.publicKey, m.publicKey]);
    expect(r.ok).toBe(true);
    expect(r.signer).toBe(m.hex);
    expect(r.checkpoint?.size).toBe(3);
  });

  it('rejects tampering with the size, root or origin', async () => {
    const m = await newMember();
    const note = await signed(m);
    const otherRoot = merkleRoot([leafHash(Buffer.from('x'))]).toString('base64');
    const tampered = [
      note.replace('\n3\n', '\n4\n'),
      note.replace(ROOT.toString('base64'), otherRoot),
      note.replace(ORIGIN, checkpointOrigin('00000000-0000-4000-8000-000000000000')),
    ];
    for (const t of tampered) {
      expect(t).not.toBe(note);
      const r = await verifyCheckpoint(t, [m.publicKey]);
      expect(r.ok).toBe(false);
      expect(r.reason).toMatch(/does not verify/);
    }
  });

  it('rejects a flipped signature byte', async () => {
    const m = await newMember();
    const note = await signed(m);
    const line = note.slice(note.lastIndexOf('\u2014'));
    const b64 = line.slice(line.lastIndexOf(' ') + 1, -1);
    const bytes = Buffer.from(b64, 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    const r = await verifyCheckpoint(note.replace(b64, bytes.toString('base64')), [m.publicKey]);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify/) as unknown });
  });

  it('rejects a note signed only by an untrusted key', async () => {
    const [m, stranger] = [await newMember(), await newMember()];
    const r = await verifyCheckpoint(await signed(stranger), [m.publicKey]);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/no signature by a trusted/) as unknown });
    expect((await verifyCheckpoint(await signed(m), [])).ok).toBe(false);
  });

  it('ignores signatures by unknown keys but not a failing one by a trusted key', async () => {
    const [m, stranger] = [await newMember(), await newMember()];
    const mine = await signed(m);
    const theirs = await signed(stranger);
    const theirLine = theirs.slice(theirs.lastIndexOf('\u2014'));
    const cosigned = `${mine}${theirLine}`;
    expect((await verifyCheckpoint(cosigned, [m.publicKey])).ok).toBe(true);
    // The stranger's line, once the stranger is trusted, must verify too: here it covers another size.
    const theirsOther = await signed(stranger, 4);
    const mixed = `${mine}${theirsOther.slice(theirsOther.lastIndexOf('\u2014'))}`;
    expect((await verifyCheckpoint(mixed, [m.publicKey])).ok).toBe(true);
    expect((await verifyCheckpoint(mixed, [m.publicKey, stranger.publicKey])).ok).toBe(false);
  });

  it('rejects a signature by a trusted key under a name other than the one derived from that key', async () => {
    const [m, other] = [await newMember(), await newMember()];
    const body = checkpointBody(ORIGIN, 3, ROOT);
    const sodium = await loadSodium();
    const sig = sodium.crypto_sign_detached(Buffer.from(body), m.secretKey);
    // Valid signed-note signatures whose key ids match m's key under each name, so only the name is wrong.
    // The third name differs from the derived one in its last hex digit, whatever that digit is.
    const lastDigitChanged = `vigil-${m.hex.slice(0, 15)}${m.hex[15] === '0' ? '1' : '0'}`;
    for (const name of ['Investigator', noteKeyName(other.hex), lastDigitChanged]) {
      const note = `${body}\n\u2014 ${name} ${Buffer.concat([noteKeyId(name, m.publicKey), sig]).toString('base64')}\n`;
      const r = await verifyCheckpoint(note, [m.publicKey]);
      expect(r).toMatchObject({
        ok: false,
        reason: expect.stringContaining(`signed under the name "${name}"`) as unknown,
      });
      expect(r.reason).toContain(noteKeyName(m.hex));
    }
    // The same signature under the derived name verifies.
    const good =
      `${body}\n\u2014 ${noteKeyName(m.hex)} ` +
      `${Buffer.concat([noteKeyId(noteKeyName(m.hex), m.publicKey), sig]).toString('base64')}\n`;
    expect((await verifyCheckpoint(good, [m.publicKey])).ok).toBe(true);
  });

  it('reports a malformed note as not ok instead of throwing', async () => {
    const m = await newMember();
    const r = await verifyCheckpoint('garbage', [m.publicKey]);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/not a valid signed note/);
  });
});

describe('custody/checkpoint/parseCheckpoint', () => {
  it('rejects every malformed shape with a clear CUSTODY_BROKEN message', async () => {
    const m = await newMember();
    const note = await signed(m);
    const body = checkpointBody(ORIGIN, 3, ROOT);
    const sigLine = note.slice(body.length + 1);
    expect(parseError(note.replace(/\n/g, '\r\n'))).toMatch(/control characters/);
    expect(parseError(note.slice(0, -1))).toMatch(/newline/);
    expect(parseError(body)).toMatch(/no blank line/);
    expect(parseError(`${body}\n`)).toMatch(/signature line/);
    expect(parseError(`${body}ext line\n\n${sigLine}`)).toMatch(/exactly three lines/);
    expect(parseError(note.replace('\n3\n', '\n03\n'))).toMatch(/leading zeros/);
    expect(parseError(note.replace('\n3\n', '\n-3\n'))).toMatch(/tree size/);
    expect(parseError(note.replace(ROOT.toString('base64'), ROOT.subarray(1).toString('base64')))).toMatch(/root hash/);
    expect(parseError(note.replace(ROOT.toString('base64'), ROOT.toString('base64').replace('=', '')))).toMatch(
      /root hash/,
    );
    expect(parseError(note.replace('\u2014 ', '- '))).toMatch(/does not start with/);
    expect(parseError(note.replace(`\u2014 ${noteKeyName(m.hex)} `, '\u2014 a+b '))).toMatch(/key name/);
    expect(parseError(note.replace(/ ([A-Za-z0-9+/=]+)\n$/, ' %%%\n'))).toMatch(/base64/);
    expect(parseError(`${note}${'x'.repeat(70_000)}\n`)).toMatch(/longer than/);
    expect(parseError(`${body}\n${sigLine.repeat(101)}`)).toMatch(/more than 100/);
    expect(parseError(note.replace(ORIGIN, '\ud800'))).toMatch(/UTF-8/);
  });

  it('parses several signatures and keeps the body exactly', async () => {
    const [a, b] = [await newMember(), await newMember()];
    const na = await signed(a);
    const nb = await signed(b);
    const p = parseCheckpoint(`${na}${nb.slice(nb.lastIndexOf('\u2014'))}`);
    expect(p.signatures.map((s) => s.name)).toEqual([noteKeyName(a.hex), noteKeyName(b.hex)]);
    expect(p.body).toBe(checkpointBody(ORIGIN, 3, ROOT));
  });
});

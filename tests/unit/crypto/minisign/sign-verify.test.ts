import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { minisignSign, minisignSignFile, minisignVerify, minisignVerifyFile } from '../../../../main/crypto/minisign';
import { editB64, editLine, newKey } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const data = new Uint8Array(randomBytes(10_000));

describe('crypto/minisign/minisignSign', () => {
  it('writes the four lines of a prehashed (ED) signature that verifies with its trusted comment', async () => {
    const key = await newKey();
    const sig = await minisignSign(data, key, 'file:tagmanifest-sha512.txt\tvault:x');
    const lines = sig.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^untrusted comment: signature from minisign secret key [0-9A-F]{16}$/);
    expect(
      Buffer.from(lines[1] ?? '', 'base64')
        .subarray(0, 2)
        .toString(),
    ).toBe('ED');
    expect(lines[2]).toBe('trusted comment: file:tagmanifest-sha512.txt\tvault:x');
    expect(await minisignVerify(data, sig, key)).toEqual({
      ok: true,
      trustedComment: 'file:tagmanifest-sha512.txt\tvault:x',
    });
  });

  it('gives the same signature for the data whole or in chunks (Ed25519 is deterministic)', async () => {
    const key = await newKey();
    const chunks = [data.subarray(0, 1), data.subarray(1, 4097), data.subarray(4097)];
    expect(await minisignSign(chunks, key, 'tc', 'u')).toBe(await minisignSign(data, key, 'tc', 'u'));
  });

  it('keeps non-ASCII trusted comments intact', async () => {
    const key = await newKey();
    const sig = await minisignSign(data, key, 'Fall Nr. 12 — Zeugin Ä');
    expect((await minisignVerify(data, sig, key)).trustedComment).toBe('Fall Nr. 12 — Zeugin Ä');
  });

  it('refuses multi-line comments, oversize comments and a secret key of another public key', async () => {
    const key = await newKey();
    const other = await newKey();
    await expect(minisignSign(data, key, 'a\nb')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(minisignSign(data, key, 'ok', 'a\rb')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(minisignSign(data, key, 'x'.repeat(9000))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(minisignSign(data, { ...key, secretKey: other.secretKey }, 'tc')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('crypto/minisign/minisignVerify', () => {
  async function signed(): Promise<{ key: Awaited<ReturnType<typeof newKey>>; sig: string }> {
    const key = await newKey();
    return { key, sig: await minisignSign(data, key, 'trusted words') };
  }

  it('refuses changed data', async () => {
    const { key, sig } = await signed();
    for (const at of [0, 5000, data.length - 1]) {
      const changed = Uint8Array.from(data);
      changed[at] = (changed[at] ?? 0) ^ 1;
      expect(await minisignVerify(changed, sig, key)).toEqual({
        ok: false,
        reason: expect.stringMatching(/does not match the data/),
      });
    }
    expect((await minisignVerify(data.subarray(1), sig, key)).ok).toBe(false);
  });

  it('refuses a changed signature byte', async () => {
    const { key, sig } = await signed();
    for (const at of [10, 40, 73]) {
      const bad = editLine(sig, 1, (l) =>
        editB64(l, (b) => {
          b[at] = (b[at] ?? 0) ^ 0x80;
        }),
      );
      expect(await minisignVerify(data, bad, key)).toEqual({
        ok: false,
        reason: expect.stringMatching(/does not match the data/),
      });
    }
  });

  it('refuses a changed trusted comment and a changed global signature', async () => {
    const { key, sig } = await signed();
    const comment = editLine(sig, 2, (l) => l.replace('trusted words', 'trusted wordz'));
    expect(await minisignVerify(data, comment, key)).toEqual({
      ok: false,
      reason: expect.stringMatching(/trusted comment/),
    });
    const appended = editLine(sig, 2, (l) => `${l} `);
    expect((await minisignVerify(data, appended, key)).ok).toBe(false);
    const global = editLine(sig, 3, (l) =>
      editB64(l, (b) => {
        b[0] = (b[0] ?? 0) ^ 1;
      }),
    );
    expect(await minisignVerify(data, global, key)).toEqual({
      ok: false,
      reason: expect.stringMatching(/global signature/),
    });
  });

  it('refuses a signature by another key, or under another key id', async () => {
    const { key, sig } = await signed();
    const other = await newKey();
    expect(await minisignVerify(data, sig, other)).toEqual({
      ok: false,
      reason: expect.stringMatching(/made with key [0-9A-F]{16}, not with the given key/),
    });
    // Same key id, different key: the id is only a hint, the signature itself must fail.
    expect(await minisignVerify(data, sig, { keyId: key.keyId, publicKey: other.publicKey })).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
    const relabelled = editLine(sig, 1, (l) =>
      editB64(l, (b) => {
        b[2] = (b[2] ?? 0) ^ 1;
      }),
    );
    expect(await minisignVerify(data, relabelled, key)).toEqual({
      ok: false,
      reason: expect.stringMatching(/made with key/),
    });
  });

  it('refuses legacy (Ed) and unknown algorithms', async () => {
    const { key, sig } = await signed();
    const legacy = editLine(sig, 1, (l) => editB64(l, (b) => b.write('Ed', 0, 'latin1')));
    expect(await minisignVerify(data, legacy, key)).toEqual({ ok: false, reason: expect.stringMatching(/legacy/) });
    const unknown = editLine(sig, 1, (l) => editB64(l, (b) => b.write('E\x00', 0, 'latin1')));
    expect(await minisignVerify(data, unknown, key)).toEqual({
      ok: false,
      reason: expect.stringMatching(/unknown signature algorithm "E\?"/),
    });
  });

  it('ignores the untrusted comment, which nothing signs', async () => {
    const { key, sig } = await signed();
    expect(
      (
        await minisignVerify(
          data,
          editLine(sig, 0, () => 'untrusted comment: anything'),
          key,
        )
      ).ok,
    ).toBe(true);
  });

  it('never throws on malformed input, and says why', async () => {
    const { key, sig } = await signed();
    const lines = sig.split('\n');
    const bad: unknown[] = [
      '',
      'garbage',
      lines.slice(0, 3).join('\n'),
      `${sig}extra line\n`,
      editLine(sig, 0, (l) => l.replace('untrusted', 'trusted')),
      editLine(sig, 2, (l) => l.replace('trusted comment: ', 'comment: ')),
      editLine(sig, 1, (l) => `${l.slice(0, -2)}==`), // non-canonical / wrong length
      editLine(sig, 1, (l) => `${l.slice(0, 5)}*${l.slice(6)}`),
      editLine(sig, 3, (l) => l.slice(4)),
      null,
      42,
    ];
    // Same bytes, another spelling: the 2 unused bits of the last base64 digit set (Node would decode it silently).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    bad.push(editLine(sig, 1, (l) => `${l.slice(0, -2)}${alphabet[alphabet.indexOf(l.at(-2) ?? 'A') + 1]}=`));
    for (const text of bad) {
      const result = await minisignVerify(data, text as string, key);
      expect(result.ok, String(text)).toBe(false);
      expect(result.reason, String(text)).toBeTruthy();
      expect(result.trustedComment).toBeUndefined();
    }
    expect((await minisignVerify(data, sig, { keyId: key.keyId, publicKey: new Uint8Array(3) })).ok).toBe(false);
    expect((await minisignVerify(data, sig, null as never)).ok).toBe(false);
  });
});

describe('crypto/minisign/minisignSignFile', () => {
  it('streams a multi-MiB file and matches signing the bytes in memory', async () => {
    const key = await newKey();
    const file = path.join(tmp, 'big.bin');
    const bytes = randomBytes(6 * 1024 * 1024 + 123);
    fs.writeFileSync(file, bytes);
    const sig = await minisignSignFile(file, key, 'big');
    expect(sig).toBe(await minisignSign(bytes, key, 'big'));
    expect(await minisignVerifyFile(file, sig, key)).toEqual({ ok: true, trustedComment: 'big' });
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([bytes[3_000_000]! ^ 1]), 0, 1, 3_000_000);
    fs.closeSync(fd);
    expect(await minisignVerifyFile(file, sig, key)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match the data/),
    });
  });

  it('reports a missing file as NOT_FOUND, and fails a bad signature before reading the file', async () => {
    const key = await newKey();
    await expect(minisignSignFile(path.join(tmp, 'nope'), key, 'tc')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const sig = await minisignSign(data, key, 'tc');
    await expect(minisignVerifyFile(path.join(tmp, 'nope'), sig, key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await minisignVerifyFile(path.join(tmp, 'nope'), 'garbage', key)).ok).toBe(false);
  });
});

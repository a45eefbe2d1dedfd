import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  ageEncrypt,
  CHUNK_SIZE,
  createAgeDecryptStream,
  createAgeEncryptStream,
  generateX25519Identity,
  parseIdentity,
  parseRecipient,
  type AgeIdentity,
  type AgeRecipient,
} from '../../../../main/crypto/age';
import { findHeaderEnd } from '../../../../main/crypto/age/header';
import { codeOf, runStream } from './helpers';

const me = generateX25519Identity();
const to: AgeRecipient[] = [parseRecipient(me.recipient)];
const ids: AgeIdentity[] = [parseIdentity(me.identity)];

function payloadLength(file: Buffer): number {
  return file.length - findHeaderEnd(file) - 16;
}

describe('crypto/age/createAgeEncryptStream', () => {
  it.each([0, 1, 100, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 7])(
    'lays out %i bytes as STREAM chunks, holding a full chunk back until it knows it is not the last',
    async (size) => {
      const plain = randomBytes(size);
      for (const piece of [1000, CHUNK_SIZE, 3 * CHUNK_SIZE]) {
        const { output, code } = await runStream(createAgeEncryptStream(to), plain, piece);
        expect(code).toBeNull();
        // An empty payload is one empty chunk; otherwise no empty chunk, and a full final chunk is allowed.
        const chunks = Math.max(1, Math.ceil(size / CHUNK_SIZE));
        expect(payloadLength(output)).toBe(size + 16 * chunks);
        expect((await ageDecrypt(output, ids)).equals(plain)).toBe(true);
      }
    },
  );

  it('accepts byte-at-a-time writes', async () => {
    const plain = randomBytes(3000);
    const { output } = await runStream(createAgeEncryptStream(to), plain, 1);
    const back = await runStream(createAgeDecryptStream(ids), output, 1);
    expect(back.code).toBeNull();
    expect(back.output.equals(plain)).toBe(true);
  });

  it('uses a fresh file key and nonce for every file', async () => {
    const plain = Buffer.from('same');
    const [a, b] = await Promise.all([ageEncrypt(plain, to), ageEncrypt(plain, to)]);
    expect(a.equals(b)).toBe(false);
    expect(
      a.subarray(findHeaderEnd(a), findHeaderEnd(a) + 16).equals(b.subarray(findHeaderEnd(b), findHeaderEnd(b) + 16)),
    ).toBe(false);
  });

  it('streams many MiB through encrypt and decrypt with backpressure', async () => {
    const total = 24 * 1024 * 1024 + 333;
    const source = randomBytes(total);
    const hashIn = createHash('sha256').update(source).digest('hex');
    const hashOut = createHash('sha256');
    let seen = 0;
    const sink = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        hashOut.update(chunk);
        seen += chunk.length;
        setImmediate(cb); // a slow consumer
      },
    });
    const pieces = function* (): Generator<Buffer> {
      for (let i = 0; i < total; i += 50_000) yield source.subarray(i, i + 50_000);
    };
    await pipeline(Readable.from(pieces()), createAgeEncryptStream(to), createAgeDecryptStream(ids), sink);
    expect(seen).toBe(total);
    expect(hashOut.digest('hex')).toBe(hashIn);
  });

  it('refuses no recipients and a passphrase mixed with keys (INVALID_INPUT)', async () => {
    expect(await codeOf(ageEncrypt(Buffer.from('x'), []))).toBe('INVALID_INPUT');
    const mixed: AgeRecipient[] = [...to, { kind: 'scrypt', passphrase: Buffer.from('pw'), logN: 2 }];
    expect(await codeOf(ageEncrypt(Buffer.from('x'), mixed))).toBe('INVALID_INPUT');
    expect(
      await codeOf(ageEncrypt(Buffer.from('x'), [{ kind: 'scrypt', passphrase: Buffer.from('pw'), logN: 0 }])),
    ).toBe('INVALID_INPUT');
    expect(await codeOf(ageEncrypt(Buffer.from('x'), [{ kind: 'x25519', publicKey: new Uint8Array(31) }]))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('crypto/age/ageDecrypt', () => {
  it('tries each identity in turn', async () => {
    const stranger = parseIdentity(generateX25519Identity().identity);
    const pass: AgeIdentity = { kind: 'scrypt', passphrase: Buffer.from('pw') };
    const file = await ageEncrypt(Buffer.from('hello'), to);
    expect((await ageDecrypt(file, [stranger, pass, ...ids])).toString()).toBe('hello');
    expect(await codeOf(ageDecrypt(file, [stranger, pass]))).toBe('AGE_NO_IDENTITY_MATCH');
    expect(await codeOf(ageDecrypt(file, []))).toBe('INVALID_INPUT');
  });

  it('opens a passphrase file, and refuses a work factor above the limit before doing the work', async () => {
    const file = await ageEncrypt(Buffer.from('secret'), [{ kind: 'scrypt', passphrase: Buffer.from('pw'), logN: 12 }]);
    expect(file.toString('latin1').split('\n')[1]).toMatch(/^-> scrypt \S+ 12$/);
    expect((await ageDecrypt(file, [{ kind: 'scrypt', passphrase: Buffer.from('pw') }])).toString()).toBe('secret');
    expect(await codeOf(ageDecrypt(file, [{ kind: 'scrypt', passphrase: Buffer.from('pw'), maxLogN: 11 }]))).toBe(
      'AGE_MALFORMED',
    );
    expect(await codeOf(ageDecrypt(file, [{ kind: 'scrypt', passphrase: Buffer.from('pW') }]))).toBe(
      'AGE_NO_IDENTITY_MATCH',
    );
    expect(await codeOf(ageDecrypt(file, ids))).toBe('AGE_NO_IDENTITY_MATCH');
  });

  it('refuses input that is not an age file, or only its beginning', async () => {
    expect(await codeOf(ageDecrypt(Buffer.alloc(0), ids))).toBe('AGE_MALFORMED');
    expect(await codeOf(ageDecrypt(Buffer.from('hello world\n'), ids))).toBe('AGE_MALFORMED');
    expect(await codeOf(ageDecrypt(Buffer.from('age-encryption.org/v1\n'), ids))).toBe('AGE_MALFORMED');
  });
});

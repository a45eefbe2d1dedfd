import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ageEncrypt,
  CHUNK_SIZE,
  generateX25519Identity,
  openAgeFile,
  parseIdentity,
  parseRecipient,
} from '../../../../main/crypto/age';
import { codeOf } from './helpers';

const me = generateX25519Identity();
const ids = [parseIdentity(me.identity)];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function makeFile(size: number): Promise<{ file: string; plain: Buffer }> {
  const plain = randomBytes(size);
  const file = path.join(tmp, `r-${size}.age`);
  fs.writeFileSync(file, await ageEncrypt(plain, [parseRecipient(me.recipient)]));
  return { file, plain };
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    stream.on('data', (b: Buffer) => out.push(b));
    stream.on('end', () => resolve(Buffer.concat(out)));
    stream.on('error', reject);
  });
}

describe('crypto/age/openAgeFile', () => {
  it.each([0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 5 * CHUNK_SIZE + 4321])(
    'derives the plaintext size %i from the file size and reads it whole',
    async (size) => {
      const { file, plain } = await makeFile(size);
      const reader = await openAgeFile(file, ids);
      try {
        expect(reader.size).toBe(size);
        expect((await reader.read(0, size)).equals(plain)).toBe(true);
        expect((await collect(reader.createReadStream())).equals(plain)).toBe(true);
      } finally {
        await reader.close();
      }
    },
  );

  it('random ranges across chunk boundaries equal the same slice of the plaintext', async () => {
    const { file, plain } = await makeFile(7 * CHUNK_SIZE + 999);
    const reader = await openAgeFile(file, ids);
    try {
      const edges = [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, plain.length - 1, plain.length];
      const ranges: [number, number][] = [];
      for (const a of edges) for (const b of edges) if (a <= b) ranges.push([a, b]);
      for (let i = 0; i < 200; i++) {
        const a = randomInt(0, plain.length + 1);
        ranges.push([a, Math.min(plain.length, a + randomInt(0, 3 * CHUNK_SIZE))]);
      }
      for (const [a, b] of ranges) {
        expect((await reader.read(a, b)).equals(plain.subarray(a, b)), `read ${a}-${b}`).toBe(true);
      }
      for (const [a, b] of ranges.slice(0, 60)) {
        const got = await collect(reader.createReadStream({ start: a, end: b }));
        expect(got.equals(plain.subarray(a, b)), `stream ${a}-${b}`).toBe(true);
      }
    } finally {
      await reader.close();
    }
  });

  it('a caller writing into returned bytes does not change later reads', async () => {
    const { file, plain } = await makeFile(2 * CHUNK_SIZE);
    const reader = await openAgeFile(file, ids);
    try {
      (await reader.read(0, 100)).fill(0);
      const piece = await collect(reader.createReadStream({ start: 0, end: 100 }));
      piece.fill(0);
      expect((await reader.read(0, 100)).equals(plain.subarray(0, 100))).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('refuses ranges outside the plaintext and reads after close', async () => {
    const { file } = await makeFile(1000);
    const reader = await openAgeFile(file, ids);
    for (const [a, b] of [
      [-1, 10],
      [10, 5],
      [0, 1001],
      [0.5, 2],
    ] as const) {
      expect(await codeOf(reader.read(a, b))).toBe('INVALID_INPUT');
    }
    expect(() => reader.createReadStream({ start: 0, end: 2000 })).toThrow(/outside/);
    expect(await codeOf(reader.read(0, 10))).toBeNull();
    await reader.close();
    await reader.close();
    // The cache goes with the key: even a chunk read before is refused now.
    expect(await codeOf(reader.read(0, 10))).toBe('INVALID_INPUT');
    expect(await codeOf(reader.read(990, 1000))).toBe('INVALID_INPUT');
  });

  it('reports a missing file as NOT_FOUND and a non-age file as AGE_MALFORMED', async () => {
    expect(await codeOf(openAgeFile(path.join(tmp, 'missing.age'), ids))).toBe('NOT_FOUND');
    expect(await codeOf(openAgeFile(tmp, ids))).toBe('IO_ERROR');
    const junk = path.join(tmp, 'junk.age');
    fs.writeFileSync(junk, randomBytes(5000));
    expect(await codeOf(openAgeFile(junk, ids))).toBe('AGE_MALFORMED');
    fs.writeFileSync(junk, 'age-encryption.org/v1\n-> X25519 abc\n');
    expect(await codeOf(openAgeFile(junk, ids))).toBe('AGE_MALFORMED');
  });
});

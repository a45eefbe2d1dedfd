import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  encodeIdentity,
  generateX25519Identity,
  sealBatchInPlace,
  sealedLength,
  startAgeFile,
} from '../../../main/crypto/age';
import { openBatchSealed } from '../../../main/workers/batch-sealing';
import { CryptoWorker } from '../../../main/workers/worker-client';
import { tempDir } from '../../helpers/vault';

const KiB = 1024;
const MiB = 1024 * KiB;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes `data` in pieces of `piece` bytes (not a divisor of the chunk size), honouring backpressure. */
async function writeAll(input: NodeJS.WritableStream, data: Buffer, piece = 100_003): Promise<void> {
  for (let off = 0; off < data.length; off += piece) {
    if (!input.write(data.subarray(off, off + piece))) {
      // A failed input never drains: it closes.
      await new Promise((resolve) => {
        input.once('drain', resolve);
        input.once('close', resolve);
      });
    }
    if ((input as Writable).destroyed) throw new Error('the input failed');
  }
  input.end();
}

/** Seals a copy of `plain` as the chunks from `counter` on (sealBatchInPlace on a buffer with room for the tags). */
function sealCopy(key: Buffer, plain: Buffer, counter: number, last: boolean): Buffer {
  const room = Buffer.alloc(sealedLength(plain.length));
  plain.copy(room);
  return room.subarray(0, sealBatchInPlace(key, room, plain.length, counter, last));
}

describe('crypto/age batch sealing', () => {
  it('seals batches in place, and age opens the file they make', async () => {
    const id = generateX25519Identity();
    const start = await startAgeFile([{ kind: 'x25519', publicKey: id.publicKey }]);
    const data = randomBytes(3 * 64 * KiB + 77);
    // Batch 1: two full chunks; batch 2: the rest, last.
    const first = sealCopy(start.key, data.subarray(0, 2 * 64 * KiB), 0, false);
    expect(first.length).toBe(2 * (64 * KiB + 16));
    const rest = sealCopy(start.key, data.subarray(2 * 64 * KiB), 2, true);
    const file = Buffer.concat([start.prefix, first, rest]);
    expect((await ageDecrypt(file, [{ kind: 'x25519', secretKey: id.secretKey }])).equals(data)).toBe(true);
  });

  it('makes a file age refuses when a batch is sealed under the wrong chunk number', async () => {
    const id = generateX25519Identity();
    const start = await startAgeFile([{ kind: 'x25519', publicKey: id.publicKey }]);
    const data = randomBytes(2 * 64 * KiB + 5);
    const bad = Buffer.concat([
      start.prefix,
      sealCopy(start.key, data.subarray(0, 64 * KiB), 0, false),
      sealCopy(start.key, data.subarray(64 * KiB), 2, true),
    ]);
    await expect(ageDecrypt(bad, [{ kind: 'x25519', secretKey: id.secretKey }])).rejects.toThrow();
  });
});

describe('workers/batch-sealing', () => {
  let worker: CryptoWorker;
  beforeAll(() => {
    const started = CryptoWorker.start();
    if (started === null) throw new Error('the crypto worker source was not found');
    worker = started;
  });
  afterAll(async () => {
    await worker.close();
  });

  // Empty, one byte, exactly one chunk, exactly one slot (16 chunks), one byte more, more than the 16 slots.
  const sizes = [0, 1, 64 * KiB, MiB, MiB + 1, 21 * MiB + 12345];
  // 0: every batch sealed here; Infinity: every batch sealed by the worker; 4: as the export shares them.
  for (const behind of [0, Number.POSITIVE_INFINITY, 4]) {
    it(`writes the file one encryption would, sealing batches ${behind === 0 ? 'here' : behind === 4 ? 'on both sides' : 'in the worker'}`, async () => {
      const id = generateX25519Identity();
      const keyFile = path.join(tempDir(), 'key.txt');
      writeFileSync(keyFile, `${encodeIdentity(id.secretKey)}\n`, { mode: 0o600 });
      for (const size of sizes) {
        const data = randomBytes(size);
        const file = path.join(tempDir(), `out-${size}.age`);
        const sealed = openBatchSealed(worker, file, [{ kind: 'x25519', publicKey: id.publicKey }], {
          sealHereWhenBehind: behind,
        });
        await writeAll(sealed.input, data);
        const done = await sealed.done;
        const bytes = readFileSync(file);
        expect(done).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
        // The real age tool reads it back.
        const plain = execFileSync('age', ['-d', '-i', keyFile, file], { maxBuffer: 64 * MiB });
        expect(plain.equals(data)).toBe(true);
      }
    });
  }

  it('gives the prefix before the payload, and leaves a file it was not to hash unhashed', async () => {
    const id = generateX25519Identity();
    const keyFile = path.join(tempDir(), 'key.txt');
    writeFileSync(keyFile, `${encodeIdentity(id.secretKey)}\n`, { mode: 0o600 });
    const file = path.join(tempDir(), 'object.age');
    const data = randomBytes(3 * MiB + 7);
    let prefix: Buffer | null = null;
    const sealed = openBatchSealed(worker, file, [{ kind: 'x25519', publicKey: id.publicKey }], {
      hashFile: false,
      onPrefix: (p) => (prefix = Buffer.from(p)),
    });
    await writeAll(sealed.input, data);
    const done = await sealed.done;
    const bytes = readFileSync(file);
    expect(done).toEqual({ sha256: '', bytes: bytes.length });
    const given = prefix as Buffer | null;
    if (given === null) throw new Error('no prefix was given');
    expect(bytes.subarray(0, given.length).equals(given)).toBe(true);
    expect(execFileSync('age', ['-d', '-i', keyFile, file], { maxBuffer: 64 * MiB }).equals(data)).toBe(true);
  });

  it('fails the file when its writer gives up, and leaves it closed for removal', async () => {
    const file = path.join(tempDir(), 'abandoned.age');
    const sealed = openBatchSealed(worker, file, [{ kind: 'x25519', publicKey: generateX25519Identity().publicKey }]);
    sealed.input.write(randomBytes(3 * MiB));
    sealed.input.destroy();
    await expect(sealed.done).rejects.toThrow();
  });

  it('fails, without hanging, when the worker stops in the middle of a file', async () => {
    const own = CryptoWorker.start();
    if (own === null) throw new Error('no worker');
    const file = path.join(tempDir(), 'stopped.age');
    const sealed = openBatchSealed(own, file, [{ kind: 'x25519', publicKey: generateX25519Identity().publicKey }]);
    sealed.input.on('error', () => undefined);
    const writing = writeAll(sealed.input, randomBytes(40 * MiB)).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await own.close();
    await expect(sealed.done).rejects.toThrow(/closed/);
    await writing;
  });

  it('reports a file that cannot be created, with its system error code', async () => {
    const file = path.join(tempDir(), 'exists.age');
    writeFileSync(file, 'already here');
    const sealed = openBatchSealed(worker, file, [{ kind: 'x25519', publicKey: generateX25519Identity().publicKey }]);
    sealed.input.on('error', () => undefined);
    await writeAll(sealed.input, randomBytes(2 * MiB)).catch(() => undefined);
    await expect(sealed.done).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(file, 'utf8')).toBe('already here');
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { hashInThread, hashingWith, sha256With } from '../../../main/workers/file-hashing';
import { CryptoWorker, sharedCryptoWorkers } from '../../../main/workers/worker-client';
import { openSealed } from '../../../main/workers/worker-seal';
import { tempDir } from '../../helpers/vault';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MiB = 1024 * 1024;

function hex(alg: string, data: Buffer): string {
  return createHash(alg).update(data).digest('hex');
}

/** Feeds `data` in pieces of `piece` bytes, waiting whenever the job asks to. */
async function feed(update: (chunk: Buffer) => Promise<void> | undefined, data: Buffer, piece: number): Promise<void> {
  for (let off = 0; off < data.length; off += piece) await update(data.subarray(off, off + piece));
}

async function writeAll(input: NodeJS.WritableStream, data: Buffer): Promise<void> {
  for (let off = 0; off < data.length; off += 100_000) {
    if (!input.write(data.subarray(off, off + 100_000))) await new Promise((resolve) => input.once('drain', resolve));
  }
  input.end();
}

describe('workers/CryptoWorker', () => {
  let worker: CryptoWorker;
  // More than the 16 slots of 1 MiB, and not a whole number of slots.
  const data = randomBytes(21 * MiB + 12345);

  beforeAll(() => {
    const started = CryptoWorker.start();
    if (started === null) throw new Error('the crypto worker source was not found');
    worker = started;
  });
  afterAll(async () => {
    await worker.close();
  });

  it('hashes in the worker exactly as in this thread, with several jobs at once', async () => {
    const a = worker.hash('sha512');
    const b = worker.hash('sha256');
    await Promise.all([feed((c) => a.update(c), data, 65_536), feed((c) => b.update(c), data, 1_000_003)]);
    expect(await a.end()).toEqual({ hex: hex('sha512', data), bytes: data.length });
    expect(await b.end()).toEqual({ hex: hex('sha256', data), bytes: data.length });
    const empty = worker.hash('sha256');
    expect((await empty.end()).hex).toBe(hex('sha256', Buffer.alloc(0)));
  });

  it('writes a sealed file that age opens, with the SHA-256 of what it wrote', async () => {
    const id = generateX25519Identity();
    const file = path.join(tempDir(), 'out.tar.age');
    const sealed = openSealed(worker, file, [{ kind: 'x25519', publicKey: id.publicKey }]);
    await writeAll(sealed.input, data);
    const done = await sealed.done;
    const bytes = readFileSync(file);
    expect(done).toEqual({ sha256: hex('sha256', bytes), bytes: bytes.length });
    expect((await ageDecrypt(bytes, [{ kind: 'x25519', secretKey: id.secretKey }])).equals(data)).toBe(true);
  });

  it('closes an abandoned sealed file before reporting it, so it can be removed', async () => {
    const id = generateX25519Identity();
    const file = path.join(tempDir(), 'out.tar.age');
    const sealed = openSealed(worker, file, [{ kind: 'x25519', publicKey: id.publicKey }]);
    sealed.input.write(data.subarray(0, 3 * MiB));
    sealed.input.destroy();
    await expect(sealed.done).rejects.toThrow();
    unlinkSync(file);
    expect(existsSync(file)).toBe(false);
  });

  it('reports a sealed file that cannot be created, with its system error code', async () => {
    const file = path.join(tempDir(), 'exists.tar.age');
    const first = openSealed(worker, file, [{ kind: 'x25519', publicKey: generateX25519Identity().publicKey }]);
    await writeAll(first.input, Buffer.from('first'));
    await first.done;
    const second = openSealed(worker, file, [{ kind: 'x25519', publicKey: generateX25519Identity().publicKey }]);
    second.input.end();
    await expect(second.done).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('fails the jobs of a worker that stops, and a new shared one replaces it', async () => {
    const own = CryptoWorker.start();
    if (own === null) throw new Error('no worker');
    const job = own.hash('sha256');
    await own.close();
    await expect(job.end()).rejects.toThrow(/closed/);
    expect(own.isBroken).toBe(true);
    const [shared] = sharedCryptoWorkers(1) ?? [];
    await shared?.close();
    const [replaced] = sharedCryptoWorkers(1) ?? [];
    expect(replaced).toBeDefined();
    expect(replaced).not.toBe(shared);
    expect(replaced?.isBroken).toBe(false);
  });

  it('gives the same file digests through the worker as in this thread', async () => {
    const there = hashingWith(worker)();
    const here = hashInThread();
    await feed((c) => there.update(c), data, 65_536);
    await feed((c) => here.update(c), data, 65_536);
    expect(await there.digests()).toEqual(await here.digests());
    const stream = sha256With(worker);
    await feed((c) => stream.update(c), data, MiB);
    expect(await stream.hex()).toBe(hex('sha256', data));
  });
});

describe('workers/CryptoWorker.start', () => {
  it('runs the bundled worker beside the CLI', async () => {
    const bundled = CryptoWorker.start(path.join(ROOT, 'out', 'cli'));
    if (bundled === null) throw new Error('out/cli/crypto-worker.cjs is missing; run node build/build-cli.mjs');
    try {
      const job = bundled.hash('sha512');
      await job.update(Buffer.from('bundled'));
      expect((await job.end()).hex).toBe(hex('sha512', Buffer.from('bundled')));
    } finally {
      await bundled.close();
    }
  });

  it('returns null where no worker file is, and the callers then work in their own thread', async () => {
    expect(CryptoWorker.start(path.join(ROOT, 'tests'))).toBeNull();
    const file = path.join(tempDir(), 'here.tar.age');
    const id = generateX25519Identity();
    const sealed = openSealed(null, file, [{ kind: 'x25519', publicKey: id.publicKey }]);
    await writeAll(sealed.input, Buffer.from('in this thread'));
    expect((await sealed.done).sha256).toBe(hex('sha256', readFileSync(file)));
    expect((await ageDecrypt(readFileSync(file), [{ kind: 'x25519', secretKey: id.secretKey }])).toString()).toBe(
      'in this thread',
    );
    expect(hashingWith(null)).toBe(hashInThread);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Vault } from '../../../main/vault/vault';
import { failure } from '../../unit/packages/helpers';
import { newTestVault } from '../../helpers/vault';

let open: Vault | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

const digest = (alg: string, data: Buffer): string => createHash(alg).update(data).digest('hex');

describe('blobs/BlobStore.put with known digests', () => {
  it('stores content whose SHA-256 matches and takes the known SHA-512; the object reads back byte for byte', async () => {
    ({ vault: open } = await newTestVault());
    const data = randomBytes(300_000);
    const known = { sha256: digest('sha256', data), sha512: digest('sha512', data) };
    const stored = await open.blobs.put(Readable.from([data]), { known });
    expect(stored).toMatchObject({ ...known, size: data.length });
    const reader = await open.blobs.open(stored.id);
    try {
      expect(Buffer.from(await reader.read(0, data.length))).toEqual(data);
    } finally {
      await reader.close();
    }
  });

  it('refuses content with another SHA-256 with OBJECT_CORRUPT and leaves no object or temp file', async () => {
    ({ vault: open } = await newTestVault());
    const data = randomBytes(300_000);
    const other = Buffer.from(data);
    other[123_456] = (other[123_456] ?? 0) ^ 1;
    const before = await open.blobs.scan();
    const err = await failure(open.blobs.put(Readable.from([other]), { known: { sha256: digest('sha256', data), sha512: digest('sha512', data) } }));
    expect(err?.code).toBe('OBJECT_CORRUPT');
    expect(err?.message).toMatch(/not the [0-9a-f]{64} it was expected to have; it was not stored/);
    expect(await open.blobs.scan()).toEqual(before);
  });

  it('computes both digests when none are known', async () => {
    ({ vault: open } = await newTestVault());
    const data = randomBytes(70_000);
    const stored = await open.blobs.put(Readable.from([data]));
    expect(stored).toMatchObject({ sha256: digest('sha256', data), sha512: digest('sha512', data), size: data.length });
  });
});

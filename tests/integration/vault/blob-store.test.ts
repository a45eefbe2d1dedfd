import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { objectBinding } from '../../../main/blobs/object-binding';
import type { Vault } from '../../../main/vault/vault';
import { failure } from '../../unit/packages/helpers';
import { newTestVault } from '../../helpers/vault';

let open: Vault | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

const digest = (alg: string, data: Buffer): string => createHash(alg).update(data).digest('hex');
/** Content this large is hashed and sealed with the crypto workers' help. */
const LARGE = 17 * 1024 * 1024;

describe('blobs/BlobStore.put with known digests', () => {
  it(
    'stores content whose SHA-256 matches and takes the ' + 'known SHA-512; the object reads back byte for byte',
    async () => {
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
    },
  );

  it('refuses content with another SHA-256 with OBJECT_CORRUPT and leaves no object or temp file', async () => {
    ({ vault: open } = await newTestVault());
    const data = randomBytes(300_000);
    const other = Buffer.from(data);
    other[123_456] = (other[123_456] ?? 0) ^ 1;
    const before = await open.blobs.scan();
    const err = await failure(
      open.blobs.put(Readable.from([other]), {
        known: { sha256: digest('sha256', data), sha512: digest('sha512', data) },
      }),
    );
    expect(err?.code).toBe('OBJECT_CORRUPT');
    expect(err?.message).toMatch(/not the [0-9a-f]{64} it was expected to have; it was not stored/);
    expect(await open.blobs.scan()).toEqual(before);
  });

  it('hashes and seals large content in the crypto workers: the same digests, bytes and binding as here', async () => {
    ({ vault: open } = await newTestVault());
    const data = randomBytes(LARGE);
    const stored = await open.blobs.put(Readable.from([data.subarray(0, 5_000_000), data.subarray(5_000_000)]), {
      sizeHint: data.length,
    });
    expect(stored).toMatchObject({ sha256: digest('sha256', data), sha512: digest('sha512', data), size: data.length });
    const reader = await open.blobs.open(stored.id);
    try {
      expect(objectBinding(reader.prefixSha256, stored)).toBe(stored.binding);
      expect(Buffer.from(await reader.read(0, data.length)).equals(data)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('leaves nothing of large content whose source fails, or whose storing is cancelled, half way', async () => {
    ({ vault: open } = await newTestVault());
    const vault = open;
    const before = await vault.blobs.scan();
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(LARGE / 2);
        throw Object.assign(new Error('The memory card was removed.'), { code: 'EIO' });
      })(),
    );
    const failed = await failure(vault.blobs.put(failing, { sizeHint: LARGE }));
    expect(failed?.code).toBe('IO_ERROR');
    expect(failed?.message).toMatch(/EIO.*nothing was added/);
    const cancel = new AbortController();
    const slow = Readable.from(
      (async function* () {
        yield randomBytes(LARGE / 2);
        cancel.abort();
        yield randomBytes(LARGE / 2);
      })(),
    );
    const cancelled = await failure(vault.blobs.put(slow, { sizeHint: LARGE, signal: cancel.signal }));
    expect(cancelled?.code).toBe('CANCELLED');
    const corrupt = await failure(
      vault.blobs.put(Readable.from([randomBytes(LARGE)]), {
        sizeHint: LARGE,
        known: { sha256: '0'.repeat(64), sha512: '0'.repeat(128) },
      }),
    );
    expect(corrupt?.code).toBe('OBJECT_CORRUPT');
    expect(await vault.blobs.scan()).toEqual(before);
  });

  it('computes both digests when none are known', async () => {
    ({ vault: open } = await newTestVault());
    const data = randomBytes(70_000);
    const stored = await open.blobs.put(Readable.from([data]));
    expect(stored).toMatchObject({ sha256: digest('sha256', data), sha512: digest('sha512', data), size: data.length });
  });
});

describe('blobs/BlobStore.put binding', () => {
  it(
    'binds the object to its header and digests: the reader gives the same binding, and any other field gives ' +
      'another',
    async () => {
      ({ vault: open } = await newTestVault());
      const data = randomBytes(200_000);
      const stored = await open.blobs.put(Readable.from([data]));
      const record = { sha256: stored.sha256, sha512: stored.sha512, size: stored.size };
      const reader = await open.blobs.open(stored.id);
      try {
        expect(objectBinding(reader.prefixSha256, record)).toBe(stored.binding);
      } finally {
        await reader.close();
      }
      const others = [
        objectBinding('0'.repeat(64), record),
        objectBinding(stored.binding, { ...record, sha256: digest('sha256', Buffer.from('other')) }),
        objectBinding(stored.binding, { ...record, sha512: digest('sha512', Buffer.from('other')) }),
        objectBinding(stored.binding, { ...record, size: record.size + 1 }),
      ];
      expect(new Set([stored.binding, ...others]).size).toBe(5);
    },
  );

  it('gives the same content stored twice two bindings (each file has its own header)', async () => {
    ({ vault: open } = await newTestVault());
    const data = randomBytes(1000);
    const [a, b] = [await open.blobs.put(Readable.from([data])), await open.blobs.put(Readable.from([data]))];
    expect(a?.sha256).toBe(b?.sha256);
    expect(a?.binding).not.toBe(b?.binding);
  });

  it('is the SHA-256 of the text its format names (DESIGN §4)', () => {
    const record = { sha256: 'a'.repeat(64), sha512: 'b'.repeat(128), size: 42 };
    const text = `vigil object binding v1\n${'c'.repeat(64)}\n${record.sha256}\n${record.sha512}\n42\n`;
    expect(objectBinding('c'.repeat(64), record)).toBe(digest('sha256', Buffer.from(text)));
  });
});

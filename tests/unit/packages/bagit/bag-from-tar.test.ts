import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBagFromTar } from '../../../../main/packages/bagit/bag-from-tar';
import { validateBag } from '../../../../main/packages/bagit/bag-validate';
import { tempDir } from '../../../helpers/vault';
import { buildTar, failure, memEntry, sampleEntries, untarBag, writeSampleTar } from '../helpers';

const UNLISTED = { unlistedTagFiles: ['tagmanifest-sha512.txt.minisig'] };

/** The sample bag as tar bytes. */
async function sampleTar(entries = sampleEntries()): Promise<Buffer> {
  return fs.readFileSync(await writeSampleTar(tempDir(), entries));
}

/** Flips one byte of the file `inBag` inside tar bytes made by writeBag (bodies are stored as they are). */
function flipInTar(tar: Buffer, content: Buffer): Buffer {
  const copy = Buffer.from(tar);
  const at = copy.indexOf(content);
  if (at < 0) throw new Error('content not found in the tar');
  copy[at + 5] = (copy[at + 5] ?? 0) ^ 0x01;
  return copy;
}

describe('packages/bagit/readBagFromTar', () => {
  it('lists every file with its digests and keeps only the description and custody files', async () => {
    const entries = [...sampleEntries(), memEntry('custody/keys.txt', 'key line\n')];
    const bag = await readBagFromTar(Readable.from([await sampleTar(entries)]));
    expect(bag.name).toBe('bag-1');
    expect(await bag.hasDataFolder()).toBe(true);
    const listed = await bag.list();
    expect(listed.map((f) => f.path)).toContain('data/items/photo one.jpg');
    expect(listed.map((f) => f.path)).toContain('bagit.txt');
    const photo = listed.find((f) => f.path === 'data/items/photo one.jpg');
    if (!photo) throw new Error('photo not listed');
    expect(photo.size).toBe(70_000);
    const digests = await bag.digests(photo, () => undefined);
    expect(digests.sha256).toBe(createHash('sha256').update(Buffer.alloc(70_000, 7)).digest('hex'));
    expect(digests.sha512).toBe(createHash('sha512').update(Buffer.alloc(70_000, 7)).digest('hex'));
    expect((await bag.read('bagit.txt'))?.toString()).toMatch(/^BagIt-Version: 1\.0\n/);
    expect((await bag.read('data/custody/keys.txt'))?.toString()).toBe('key line\n');
    expect(await bag.read('no-such-file.txt')).toBeNull();
    // The evidence is hashed, never kept.
    expect((await failure(bag.read('data/items/photo one.jpg')))?.code).toBe('INTERNAL');
  });

  it('validates like the same bag extracted to a folder, and catches the same flipped byte', async () => {
    const tar = await sampleTar();
    const streamed = await validateBag(await readBagFromTar(Readable.from([tar])), UNLISTED);
    expect(streamed.problems).toEqual([]);
    expect(streamed.ok).toBe(true);
    const damaged = flipInTar(tar, Buffer.alloc(70_000, 7));
    const fromStream = await validateBag(await readBagFromTar(Readable.from([damaged])), UNLISTED);
    const bagDir = untarBag(damaged, path.join(tempDir(), 'out'));
    const fromFolder = await validateBag(bagDir, UNLISTED);
    expect(fromStream.ok).toBe(false);
    expect(fromStream.problems).toEqual(fromFolder.problems);
    expect(fromStream.problems).toEqual([
      {
        path: 'data/items/photo one.jpg',
        problem: expect.stringMatching(/does not match its SHA-256 and SHA-512 checksum/),
      },
    ]);
  });

  it('reports a bag without data/ the way the folder check does', async () => {
    const tar = await buildTar([
      { header: { name: 'bag/', type: 'directory' } },
      {
        header: { name: 'bag/bagit.txt' },
        body: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'),
      },
    ]);
    const bag = await readBagFromTar(Readable.from([tar]));
    expect(await bag.hasDataFolder()).toBe(false);
    const r = await validateBag(bag, UNLISTED);
    expect(r.problems.map((p) => p.path)).toContain('data/');
  });

  it('refuses description files beyond the memory limit, and hostile entries like extraction does', async () => {
    const big = await readBagFromTar(Readable.from([await sampleTar()]), { maxKeptBytes: 100 }).catch(
      (err: unknown) => err,
    );
    expect(big).toMatchObject({ code: 'PACKAGE_INVALID', message: expect.stringMatching(/more than 100 bytes/) });
    const link = await buildTar([{ header: { name: 'bag/data/evil', type: 'symlink', linkname: '/etc/passwd' } }]);
    expect((await failure(readBagFromTar(Readable.from([link]))))?.code).toBe('PACKAGE_INVALID');
  });
});

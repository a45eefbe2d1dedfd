import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { walkPackageTar, type ExtractLimits } from '../../../../main/packages/tar/package-tar';
import { hasTool } from '../../../helpers/tools';
import { buildTar, failure, file, untarBag, writeSampleTar, type TarMember } from '../helpers';
import { tempDir } from '../../../helpers/vault';

const hasTar = hasTool('tar');

/** Reads the whole archive; resolves to the bag folder and each file's path in the bag and bytes. */
async function readAll(
  input: Readable,
  limits?: Partial<ExtractLimits>,
): Promise<{ top: string; files: Map<string, Buffer> }> {
  const files = new Map<string, Buffer>();
  const top = await walkPackageTar(
    input,
    limits,
    () => Promise.resolve(),
    async (entry, body) => {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk);
      files.set(entry.inBag, Buffer.concat(chunks));
    },
  );
  return { top, files };
}

/** Expects the archive to be refused with PACKAGE_INVALID and a message naming the problem. */
async function expectRefused(tar: Buffer, mention: RegExp, limits?: Partial<ExtractLimits>): Promise<void> {
  const f = await failure(readAll(Readable.from([tar]), limits));
  expect(f?.code).toBe('PACKAGE_INVALID');
  expect(f?.message).toMatch(mention);
}

const dir = (name: string): TarMember => ({ header: { name, type: 'directory' } });

describe('packages/tar/walkPackageTar', () => {
  it('reads a bag written by writeBag, with folders, long and non-ASCII names, byte for byte', async () => {
    const { top, files } = await readAll(fs.createReadStream(await writeSampleTar(tempDir())));
    expect(top).toBe('bag-1');
    expect(files.get('data/items/déclaration.txt')?.toString()).toBe('témoignage\n');
    expect(files.get('data/items/photo one.jpg')).toEqual(Buffer.alloc(70_000, 7));
    expect([...files.keys()]).toContain(`data/transcripts/${'long-folder-name/'.repeat(8)}interview.vtt`);
    expect([...files.keys()]).toContain('tagmanifest-sha512.txt.minisig');
  });

  it.skipIf(!hasTar).each(['gnu', 'pax', 'ustar'])(
    'reads what GNU tar --format=%s makes of a bag folder',
    async (format) => {
      const work = tempDir();
      const src = path.join(work, 'src');
      const bagDir = untarBag(await writeSampleTar(work), src);
      const longName = `${'n'.repeat(120)}.txt`;
      if (format !== 'ustar') fs.writeFileSync(path.join(bagDir, 'data', longName), 'long');
      const tarFile = path.join(work, `${format}.tar`);
      const r = spawnSync('tar', [`--format=${format}`, '-cf', tarFile, '-C', src, 'bag-1']);
      expect(r.status, r.stderr.toString()).toBe(0);
      const { files } = await readAll(fs.createReadStream(tarFile));
      const onDisk = filesUnder(bagDir);
      expect([...files.keys()].sort()).toEqual([...onDisk.keys()].sort());
      for (const [rel, bytes] of onDisk) expect(files.get(rel), rel).toEqual(bytes);
    },
  );

  it('accepts a leading ./ as tar -C dir . produces', async () => {
    const tar = await buildTar([dir('./'), dir('./bag/'), file('./bag/bagit.txt', 'x')]);
    const { top, files } = await readAll(Readable.from([tar]));
    expect(top).toBe('bag');
    expect([...files.keys()]).toEqual(['bagit.txt']);
  });

  const hostile: [string, () => Promise<Buffer>, RegExp][] = [
    ['a ../ path', () => buildTar([file('bag/../x')]), /"bag\/\.\.\/x" contains "\.\."/],
    ['a leading ../', () => buildTar([file('../x')]), /"\.\.\/x"/],
    ['an absolute path', () => buildTar([file('/etc/x')]), /"\/etc\/x" is an absolute path/],
    [
      'a symlink',
      () => buildTar([dir('bag/'), { header: { name: 'bag/l', type: 'symlink', linkname: '/etc/passwd' } }]),
      /"bag\/l" is a symbolic link/,
    ],
    [
      'a hardlink',
      () => buildTar([file('bag/a'), { header: { name: 'bag/b', type: 'link', linkname: 'bag/a' } }]),
      /"bag\/b" is a hard link/,
    ],
    [
      'a character device',
      () => buildTar([{ header: { name: 'bag/tty', type: 'character-device', devmajor: 5, devminor: 0 } }]),
      /"bag\/tty" is a device file/,
    ],
    [
      'a block device',
      () => buildTar([{ header: { name: 'bag/sda', type: 'block-device', devmajor: 8, devminor: 0 } }]),
      /"bag\/sda" is a device file/,
    ],
    ['a FIFO', () => buildTar([{ header: { name: 'bag/pipe', type: 'fifo' } }]), /"bag\/pipe" is a FIFO/],
    [
      'two top-level folders',
      () => buildTar([file('bag/a'), file('other/b')]),
      /"other\/b" is outside the bag folder "bag"/,
    ],
    ['a top-level file', () => buildTar([file('bagit.txt')]), /"bagit.txt" is outside the bag folder/],
    [
      'a duplicate entry',
      () => buildTar([file('bag/data/x', 'one'), file('bag/data/x', 'two')]),
      /"bag\/data\/x" appears twice/,
    ],
    [
      'Data/x vs data/x',
      () => buildTar([file('bag/data/x'), file('bag/Data/x')]),
      /"bag\/Data\/x" collides with "bag\/data"/,
    ],
    [
      'names equal after case folding',
      () => buildTar([file('bag/data/A.txt'), file('bag/data/a.txt')]),
      /collides with "bag\/data\/A.txt"/,
    ],
    ['NFC vs NFD names', () => buildTar([file('bag/caf\u00e9'), file('bag/cafe\u0301')]), /collides with "bag\/café"/],
    ['a file used as a folder', () => buildTar([file('bag/a'), file('bag/a/b')]), /needs "bag\/a" to be a folder/],
    ['a backslash', () => buildTar([file('bag/a\\b')]), /contains a backslash/],
    ['a control character', () => buildTar([file('bag/a\u0007b')]), /control character/],
    ['a Windows drive name', () => buildTar([file('bag/C:x')]), /character Windows does not allow/],
    ['a long PAX name with ..', () => buildTar([file(`bag/${'d/'.repeat(60)}../../x`)]), /contains "\.\."/],
  ];
  it.each(hostile)('refuses %s', async (_what, make, mention) => {
    await expectRefused(await make(), mention);
  });

  it('refuses a GNU long name that hides ../', async () => {
    const name = `bag/${'a'.repeat(120)}/../../../escape`;
    const longHeader = Buffer.alloc(512);
    longHeader.write('././@LongLink', 0);
    longHeader.write('0000644\0', 100);
    longHeader.write((Buffer.byteLength(name) + 1).toString(8).padStart(11, '0') + '\0', 124);
    longHeader.write('L', 156);
    longHeader.write('ustar  \0', 257, 'latin1');
    longHeader.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of longHeader) sum += b;
    longHeader.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    const nameData = Buffer.alloc(512);
    nameData.write(`${name}\0`);
    const rest = await buildTar([file('bag/innocent')]);
    await expectRefused(Buffer.concat([longHeader, nameData, rest]), /escape" contains "\.\."/);
  });

  it('refuses a header claiming 10 MiB with 1 KiB of data (truncated archive)', async () => {
    const full = await buildTar([file('bag/big', Buffer.alloc(10 * 1024 * 1024, 1))]);
    await expectRefused(
      full.subarray(0, 512 + 1024),
      /ends inside "bag\/big": its header says 10485760 bytes but only 1024 are there/,
    );
  });

  it('refuses an archive cut at an entry boundary (no end marker)', async () => {
    const full = await buildTar([file('bag/a', 'x'.repeat(512)), file('bag/b', 'y'.repeat(512))]);
    await expectRefused(full.subarray(0, 1024), /without its end marker/);
    await expectRefused(full.subarray(0, full.length - 512), /incomplete end marker/);
  });

  it('refuses data hidden after the end marker', async () => {
    const tar = await buildTar([file('bag/a')]);
    const hidden = await buildTar([file('bag/hidden')]);
    await expectRefused(Buffer.concat([tar, hidden]), /data after its end marker/);
  });

  it('refuses a header with a bad checksum', async () => {
    const tar = await buildTar([file('bag/a')]);
    tar[10] = (tar[10] ?? 0) ^ 1;
    await expectRefused(tar, /checksum/);
  });

  it('refuses an entry over the size limit and a total over the limit', async () => {
    await expectRefused(
      await buildTar([file('bag/a', Buffer.alloc(1000))]),
      /"bag\/a" is 1000 bytes, over the limit of 999/,
      { maxEntryBytes: 999 },
    );
    const two = await buildTar([file('bag/a', Buffer.alloc(600)), file('bag/b', Buffer.alloc(600))]);
    await expectRefused(two, /"bag\/b" brings the package over the limit of 1000 bytes/, { maxTotalBytes: 1000 });
  });

  it('refuses too many entries', async () => {
    const many = await buildTar(Array.from({ length: 12 }, (_, i) => file(`bag/f${i}`)));
    await expectRefused(many, /"bag\/f10" goes past the limit of 10 entries/, { maxEntries: 10 });
  });

  it('refuses an empty archive', async () => {
    await expectRefused(Buffer.alloc(1024), /empty/);
  });

  it('refuses a limit that is not a whole number of at least 0', async () => {
    const tar = await buildTar([file('bag/a')]);
    for (const maxEntries of [-1, 1.5, Number.NaN]) {
      const f = await failure(readAll(Readable.from([tar]), { maxEntries }));
      expect(f?.code).toBe('INVALID_INPUT');
      expect(f?.message).toMatch(/maxEntries must be a whole number/);
    }
  });

  it(
    'visits every file with its path in the bag and exact ' + 'bytes, writing nothing; unread bodies are skipped',
    async () => {
      const tar = await buildTar([
        dir('bag/'),
        file('bag/a.txt', 'alpha'),
        file('bag/data/b.bin', Buffer.alloc(200_000, 9)),
        file('bag/c', 'skipped'),
        file('bag/d.txt', 'delta'),
      ]);
      const seen: [string, number, number][] = [];
      const top = await walkPackageTar(
        Readable.from([tar]),
        undefined,
        () => Promise.resolve(),
        async (entry, body) => {
          if (entry.inBag === 'c') return; // not reading a body must not derail the walk
          let n = 0;
          for await (const chunk of body) n += chunk.length;
          seen.push([entry.inBag, entry.size, n]);
        },
      );
      expect(top).toBe('bag');
      expect(seen).toEqual([
        ['a.txt', 5, 5],
        ['data/b.bin', 200_000, 200_000],
        ['d.txt', 5, 5],
      ]);
    },
  );

  it('reports truncation to the reader of the body and to the caller', async () => {
    const full = await buildTar([file('bag/big', Buffer.alloc(100_000, 1))]);
    let bodyError: unknown = null;
    const f = await failure(
      walkPackageTar(
        Readable.from([full.subarray(0, 50_000)]),
        undefined,
        () => Promise.resolve(),
        async (_entry, body) => {
          try {
            for await (const _ of body);
          } catch (err) {
            bodyError = err;
            throw err;
          }
        },
      ),
    );
    expect(f?.code).toBe('PACKAGE_INVALID');
    expect(bodyError).not.toBeNull();
  });

  it('passes on an error thrown by the visitor', async () => {
    const tar = await buildTar([file('bag/a'), file('bag/b')]);
    await expect(
      walkPackageTar(
        Readable.from([tar]),
        undefined,
        () => Promise.resolve(),
        () => Promise.reject(new Error('visitor says no')),
      ),
    ).rejects.toThrow('visitor says no');
  });
});

/** The files under a bag folder by their '/' separated path in it, with their bytes. */
function filesUnder(bagDir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.set(r, fs.readFileSync(path.join(d, e.name)));
    }
  };
  walk(bagDir, '');
  return out;
}

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeBag, type BagEntry, type BagInfo } from '../../../../main/packages/bagit/bag-writer';
import { hasTool } from '../../../helpers/tools';
import { failure, INFO, memEntry, sampleEntries, SIG_HOOK, untarBag, writeSampleTar } from '../helpers';
import { tempDir } from '../../../helpers/vault';

const hasSha256sum = hasTool('sha256sum');
const hasSha512sum = hasTool('sha512sum');
const hasTar = hasTool('tar');

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd });
  return { status: r.status, out: `${r.stdout.toString()}${r.stderr.toString()}` };
}

/** Writes a bag into memory and returns the tar bytes and the result. */
async function bagBytes(entries: BagEntry[], opts: Parameters<typeof writeBag>[4] = {}, info: BagInfo = INFO) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await writeBag(out, 'bag', entries, info, opts);
  return { tar: Buffer.concat(chunks), result };
}

describe('packages/bagit/writeBag', () => {
  it.skipIf(!hasTar || !hasSha256sum || !hasSha512sum)(
    'makes a tar that GNU tar extracts and sha256sum / sha512sum verify',
    async () => {
      const work = tempDir();
      const tarFile = await writeSampleTar(work);
      expect(run('tar', ['-xf', tarFile], work).status).toBe(0);
      const bag = path.join(work, 'bag-1');
      for (const [tool, manifest] of [
        ['sha256sum', 'manifest-sha256.txt'],
        ['sha512sum', 'manifest-sha512.txt'],
        ['sha256sum', 'tagmanifest-sha256.txt'],
        ['sha512sum', 'tagmanifest-sha512.txt'],
      ] as const) {
        const r = run(tool, ['--strict', '-c', manifest], bag);
        expect(r.status, r.out).toBe(0);
      }
      // The tools do check: a flipped byte makes sha256sum fail.
      fs.appendFileSync(path.join(bag, 'data', 'register.csv'), 'x');
      expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag).status).not.toBe(0);
    },
  );

  it.skipIf(!hasTar)('writes the layout, order, owners and modes of DESIGN §6', async () => {
    const work = tempDir();
    const listing = run('tar', ['--numeric-owner', '-tvf', await writeSampleTar(work)], work)
      .out.trim()
      .split('\n');
    const names = listing.map((l) => l.split(/\s+/).slice(5).join(' '));
    expect(names.slice(0, 2)).toEqual(['bag-1/', 'bag-1/data/']);
    expect(names.slice(-7)).toEqual([
      'bag-1/bagit.txt',
      'bag-1/bag-info.txt',
      'bag-1/manifest-sha256.txt',
      'bag-1/manifest-sha512.txt',
      'bag-1/tagmanifest-sha256.txt',
      'bag-1/tagmanifest-sha512.txt',
      'bag-1/tagmanifest-sha512.txt.minisig',
    ]);
    for (const line of listing) {
      expect(line).toMatch(
        line.startsWith('d') ? /^drwxr-xr-x 0\/0 .* 2024-05-06 00:00 / : /^-rw-r--r-- 0\/0 .* 2024-05-06 00:00 /,
      );
    }
  });

  it('fills bagit.txt, bag-info.txt and manifests, and lists the hook file in no tag manifest', async () => {
    const work = tempDir();
    const bagDir = untarBag(await writeSampleTar(work), path.join(work, 'out'));
    const read = (f: string): string => fs.readFileSync(path.join(bagDir, f), 'utf8');
    expect(read('bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const bytes = sampleEntries().reduce((n, e) => n + e.size, 0);
    expect(read('bag-info.txt')).toBe(
      `Source-Organization: Vigil test organisation\nBagging-Date: 2024-05-06\nExternal-Identifier: ` +
        `case-0001\nPayload-Oxum: ${bytes}.6\nBag-Software-Agent: Vigil test\n`,
    );
    const csvHash = createHash('sha256').update('id,title\n').digest('hex');
    expect(read('manifest-sha256.txt')).toContain(`${csvHash}  data/register.csv\n`);
    expect(read('tagmanifest-sha512.txt')).not.toContain('minisig');
    expect(
      read('tagmanifest-sha256.txt')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('  ')[1]),
    ).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt', 'manifest-sha512.txt']);
    expect(read('tagmanifest-sha512.txt.minisig')).toBe(
      `signature over ${Buffer.byteLength(read('tagmanifest-sha512.txt'))} bytes\n`,
    );
  });

  it('returns the manifests, Payload-Oxum, the tag manifest bytes and the tar size', async () => {
    const { tar, result } = await bagBytes([memEntry('b.txt', 'bee'), memEntry('a.txt', 'ay')], {
      afterTagManifests: [SIG_HOOK],
    });
    expect(result.payloadOxum).toBe('5.2');
    expect(result.bytes).toBe(tar.length);
    expect(result.manifestSha256.get('data/a.txt')).toBe(createHash('sha256').update('ay').digest('hex'));
    expect(result.manifestSha512.get('data/b.txt')).toBe(createHash('sha512').update('bee').digest('hex'));
    expect(result.tagManifestSha512Bytes.toString()).toMatch(/^[0-9a-f]{128} {2}bag-info\.txt\n/);
  });

  it('lists a recorded SHA-512 as given and still computes the SHA-256 the caller checks', async () => {
    const recorded = 'ab'.repeat(64);
    const { result } = await bagBytes([
      { ...memEntry('a.txt', 'ay'), recordedSha512: recorded },
      memEntry('b.txt', 'bee'),
    ]);
    expect(result.manifestSha512.get('data/a.txt')).toBe(recorded);
    expect(result.manifestSha256.get('data/a.txt')).toBe(createHash('sha256').update('ay').digest('hex'));
    expect(result.manifestSha512.get('data/b.txt')).toBe(createHash('sha512').update('bee').digest('hex'));
  });

  it('is deterministic: the same input gives the same bytes, whatever the input order', async () => {
    const a = await bagBytes(sampleEntries());
    const b = await bagBytes(sampleEntries().reverse());
    expect(a.tar.equals(b.tar)).toBe(true);
  });

  it('folds long bag-info values so that unfolding restores them', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const { tar } = await bagBytes(
      [memEntry('a', 'a')],
      {},
      { ...INFO, extra: [['Internal-Sender-Description', long]] },
    );
    const text = fs.readFileSync(path.join(untarBag(tar, tempDir()), 'bag-info.txt'), 'utf8');
    expect(text.split('\n').every((l) => l.length <= 79)).toBe(true);
    expect(text.replace(/\n(?=[ \t])/g, '')).toContain(`Internal-Sender-Description: ${long}\n`);
  });

  it('aborts when a source gives more or fewer bytes than declared', async () => {
    const short: BagEntry = { path: 'a', size: 10, source: () => Readable.from([Buffer.from('12345')]) };
    const long: BagEntry = { path: 'a', size: 2, source: () => Readable.from([Buffer.from('12345')]) };
    for (const e of [short, long]) {
      const out = new PassThrough();
      out.resume();
      const f = await failure(writeBag(out, 'bag', [e], INFO));
      expect(f?.code).toBe('INVALID_INPUT');
      expect(f?.message).toMatch(/data\/a changed while it was being packed/);
      expect(out.destroyed).toBe(true);
    }
  });

  it.each([['/abs'], ['../up'], ['a/../b'], ['a//b'], ['a/'], ['a\\b'], ['a\nb'], ['a\u0000b'], ['100%'], ['']])(
    'refuses the unsafe payload path %j',
    async (p) => {
      const f = await failure(bagBytes([memEntry(p, 'x')]));
      expect(f?.code).toBe('INVALID_INPUT');
    },
  );

  it.each([
    ['Data.txt', 'data.TXT'],
    ['caf\u00e9', 'cafe\u0301'],
    ['a', 'a/b'],
  ])('refuses %j and %j, which collide', async (a, b) => {
    const f = await failure(bagBytes([memEntry(a, 'x'), memEntry(b, 'y')]));
    expect(f?.code).toBe('INVALID_INPUT');
  });

  it('refuses a bad bag name, bagging date, bag-info value or hook name', async () => {
    const out = (): PassThrough => new PassThrough().resume();
    expect((await failure(writeBag(out(), 'a/b', [], INFO)))?.code).toBe('INVALID_INPUT');
    expect((await failure(writeBag(out(), 'bag', [], { ...INFO, baggingDate: '2024-02-30' })))?.code).toBe(
      'INVALID_INPUT',
    );
    expect((await failure(writeBag(out(), 'bag', [], { ...INFO, externalIdentifier: 'a\nEvil: 1' })))?.code).toBe(
      'INVALID_INPUT',
    );
    expect(
      (
        await failure(
          writeBag(out(), 'bag', [], INFO, {
            afterTagManifests: [{ name: 'bagit.txt', content: () => Buffer.alloc(0) }],
          }),
        )
      )?.code,
    ).toBe('INVALID_INPUT');
  });

  it('stops with CANCELLED when the signal aborts', async () => {
    const controller = new AbortController();
    const out = new PassThrough().resume();
    const entries = sampleEntries();
    const first = entries[0];
    if (first === undefined) throw new Error('no sample');
    first.source = () => {
      controller.abort();
      return Readable.from([Buffer.from('{"case":"C-1"}\n')]);
    };
    const f = await failure(writeBag(out, 'bag', entries, INFO, { signal: controller.signal }));
    expect(f?.code).toBe('CANCELLED');
  });

  it('reports progress in payload bytes', async () => {
    const seen: number[] = [];
    await bagBytes([memEntry('a', Buffer.alloc(1000)), memEntry('b', Buffer.alloc(500))], {
      onProgress: (n) => seen.push(n),
    });
    expect(seen[seen.length - 1]).toBe(1500);
  });
});

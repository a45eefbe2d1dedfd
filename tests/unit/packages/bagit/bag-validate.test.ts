import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBag } from '../../../../main/packages/bagit/bag-validate';
import { failure, sampleEntries, untarBag, writeSampleTar } from '../helpers';
import { tempDir } from '../../../helpers/vault';

const UNLISTED = { unlistedTagFiles: ['tagmanifest-sha512.txt.minisig'] };

/** A fresh, valid bag folder made by writeBag and unpacked by GNU tar. */
async function freshBag(): Promise<string> {
  const work = tempDir();
  return untarBag(await writeSampleTar(work), path.join(work, 'out'));
}

function editLine(file: string, match: string, edit: (line: string) => string | null): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(match));
  if (i === -1) throw new Error(`no line with ${match}`);
  const next = edit(lines[i] ?? '');
  if (next === null) lines.splice(i, 1);
  else lines[i] = next;
  fs.writeFileSync(file, lines.join('\n'));
}

const flipFirstHex = (l: string): string => (l.startsWith('0') ? '1' : '0') + l.slice(1);

describe('packages/bagit/validateBag', () => {
  it('passes a bag written by writeBag and reports its info and payload', async () => {
    const bag = await freshBag();
    const progress: number[] = [];
    const r = await validateBag(bag, { ...UNLISTED, onProgress: (n) => progress.push(n) });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.payloadFiles).toBe(6);
    expect(r.payloadBytes).toBe(sampleEntries().reduce((n, e) => n + e.size, 0));
    expect(r.info['External-Identifier']).toBe('case-0001');
    expect(progress.length).toBeGreaterThan(0);
  });

  it(
    'warns of a signature file it was not told about (a ' + 'tag file no tag manifest lists), and passes the bag',
    async () => {
      const r = await validateBag(await freshBag());
      expect(r.problems).toEqual([]);
      expect(r.warnings).toEqual([
        {
          path: 'tagmanifest-sha512.txt.minisig',
          problem: expect.stringMatching(
            /outside data\/ and was ignored: no checksum covers it, as it is not listed in tagmanifest-sha256.txt or tagmanifest-sha512.txt/,
          ),
        },
      ]);
    },
  );

  const tampers: [string, (bag: string) => void, { path: string; problem: RegExp }[]][] = [
    [
      'a flipped payload byte',
      (bag) => {
        const f = path.join(bag, 'data/items/photo one.jpg');
        const b = fs.readFileSync(f);
        b[12_345] = (b[12_345] ?? 0) ^ 0x01;
        fs.writeFileSync(f, b);
      },
      [
        {
          path: 'data/items/photo one.jpg',
          problem: /does not match its SHA-256 and SHA-512 checksum .*changed or damaged/,
        },
      ],
    ],
    [
      'a deleted payload file',
      (bag) => fs.rmSync(path.join(bag, 'data/register.csv')),
      [
        {
          path: 'bag-info.txt',
          problem: /Payload-Oxum says \d+ bytes in 6 files, but data\/ holds \d+ bytes in 5 files/,
        },
        { path: 'data/register.csv', problem: /listed in manifest-sha256.txt and manifest-sha512.txt but is missing/ },
      ],
    ],
    [
      'an extra payload file',
      (bag) => fs.writeFileSync(path.join(bag, 'data/items/planted.txt'), 'planted'),
      [
        { path: 'bag-info.txt', problem: /Payload-Oxum .* in 7 files/ },
        { path: 'data/items/planted.txt', problem: /not listed in manifest-sha256.txt or manifest-sha512.txt/ },
      ],
    ],
    [
      'an edited manifest line',
      (bag) => editLine(path.join(bag, 'manifest-sha256.txt'), 'data/case.json', flipFirstHex),
      [
        { path: 'data/case.json', problem: /does not match its SHA-256 checksum in manifest-sha256.txt/ },
        {
          path: 'manifest-sha256.txt',
          problem:
            /does not match its SHA-256 and SHA-512 checksum in tagmanifest-sha256.txt and tagmanifest-sha512.txt/,
        },
      ],
    ],
    [
      'a removed manifest line',
      (bag) => editLine(path.join(bag, 'manifest-sha512.txt'), 'data/case.json', () => null),
      [
        { path: 'data/case.json', problem: /is in the bag but not listed in manifest-sha512.txt/ },
        { path: 'manifest-sha512.txt', problem: /does not match its SHA-256 and SHA-512 checksum in tagmanifest/ },
      ],
    ],
    [
      'a wrong Payload-Oxum (with the tag manifests fixed up to match)',
      (bag) => {
        editLine(path.join(bag, 'bag-info.txt'), 'Payload-Oxum', () => 'Payload-Oxum: 1.1');
        for (const alg of ['sha256', 'sha512']) fs.rmSync(path.join(bag, `tagmanifest-${alg}.txt`));
      },
      [
        {
          path: 'bag-info.txt',
          problem: /Payload-Oxum says 1 bytes in 1 files, but data\/ holds \d+ bytes in 6 files/,
        },
        { path: 'tagmanifest-sha256.txt', problem: /is missing/ },
        { path: 'tagmanifest-sha512.txt', problem: /is missing/ },
      ],
    ],
    [
      'an edited bag-info.txt',
      (bag) => editLine(path.join(bag, 'bag-info.txt'), 'External-Identifier', () => 'External-Identifier: case-9999'),
      [
        {
          path: 'bag-info.txt',
          problem:
            /does not match its SHA-256 and SHA-512 checksum in tagmanifest-sha256.txt and tagmanifest-sha512.txt/,
        },
      ],
    ],
    [
      'a missing bagit.txt',
      (bag) => fs.rmSync(path.join(bag, 'bagit.txt')),
      [
        { path: 'bagit.txt', problem: /is missing, so this folder is not a complete BagIt bag/ },
        { path: 'bagit.txt', problem: /listed in tagmanifest-sha256.txt and tagmanifest-sha512.txt but is missing/ },
      ],
    ],
    [
      'a bagit.txt of another version',
      (bag) =>
        fs.writeFileSync(path.join(bag, 'bagit.txt'), 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n'),
      [
        { path: 'bagit.txt', problem: /does not declare "BagIt-Version: 1.0"/ },
        { path: 'bagit.txt', problem: /does not match its SHA-256 and SHA-512 checksum/ },
      ],
    ],
    [
      'a missing manifest',
      (bag) => fs.rmSync(path.join(bag, 'manifest-sha512.txt')),
      [
        {
          path: 'manifest-sha512.txt',
          problem: /is missing: it holds the checksums of the evidence files \(SHA-512\)/,
        },
        {
          path: 'manifest-sha512.txt',
          problem: /listed in tagmanifest-sha256.txt and tagmanifest-sha512.txt but is missing/,
        },
      ],
    ],
    [
      'a symlink in the payload',
      (bag) => fs.symlinkSync('/etc/passwd', path.join(bag, 'data/link')),
      [{ path: 'data/link', problem: /is a symbolic link/ }],
    ],
    [
      'a malformed manifest line',
      (bag) => fs.appendFileSync(path.join(bag, 'manifest-sha256.txt'), 'not a checksum line\n'),
      [
        { path: 'manifest-sha256.txt', problem: /line 7 is not "<checksum> <file>"/ },
        {
          path: 'manifest-sha256.txt',
          problem:
            /does not match its SHA-256 and SHA-512 checksum in tagmanifest-sha256.txt and tagmanifest-sha512.txt/,
        },
      ],
    ],
    [
      'a manifest line pointing outside the bag',
      (bag) => fs.appendFileSync(path.join(bag, 'manifest-sha256.txt'), `${'0'.repeat(64)}  data/../../etc/passwd\n`),
      [
        { path: 'manifest-sha256.txt', problem: /line 7 names a path that contains "\.\."/ },
        { path: 'manifest-sha256.txt', problem: /does not match its SHA-256 and SHA-512 checksum in tagmanifest/ },
      ],
    ],
  ];

  it.each(tampers)('catches %s, naming the right file', async (_what, tamper, expected) => {
    const bag = await freshBag();
    tamper(bag);
    const r = await validateBag(bag, UNLISTED);
    expect(r.ok).toBe(false);
    const sortKey = (p: { path: string }): string => p.path;
    const got = [...r.problems].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(got[i]?.path).toBe(e.path);
      expect(got[i]?.problem).toMatch(e.problem);
    });
  });

  it('reports every problem at once, not just the first, and an unlisted tag file as a warning', async () => {
    const bag = await freshBag();
    fs.rmSync(path.join(bag, 'data/register.csv'));
    fs.writeFileSync(path.join(bag, 'data/case.json'), 'changed');
    fs.writeFileSync(path.join(bag, 'extra.txt'), 'x');
    const r = await validateBag(bag, UNLISTED);
    const paths = new Set(r.problems.map((p) => p.path));
    expect([...paths].sort()).toEqual(['bag-info.txt', 'data/case.json', 'data/register.csv']);
    expect(r.warnings.map((w) => w.path)).toEqual(['extra.txt']);
  });

  it('refuses a path that is not a folder with NOT_FOUND', async () => {
    const f = await failure(validateBag(path.join(await freshBag(), 'nope')));
    expect(f?.code).toBe('NOT_FOUND');
  });
});

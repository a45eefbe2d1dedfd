import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ageEncrypt, generateX25519Identity, parseRecipient } from '../../../main/crypto/age';
import { minisignSign, type MinisignKey } from '../../../main/crypto/minisign';
import type { CheckName } from '../../../main/packages/verify';
import { buildTar, file as tarFile, type TarMember } from '../../unit/packages/helpers';
import { sealBag, type BagSpec, type BuiltPackage } from './make-package';

/** One mutated package and the check that must catch it. */
export interface TamperCase {
  name: string;
  file: string;
  expect: CheckName;
}

type Files = Map<string, Buffer>;

/** Where the age payload starts: after the header's "--- <mac>" line. */
export function payloadStart(sealed: Buffer): number {
  const mac = sealed.indexOf('\n--- ');
  return sealed.indexOf('\n', mac + 1) + 1;
}

function byteCases(sealed: Buffer): [string, Buffer][] {
  const start = payloadStart(sealed);
  const mac = sealed.indexOf('\n--- ') + 6;
  const chunk = 16 + 65536 + 16;
  const flips: [string, number][] = [
    ['version line', 3],
    ['stanza type', 24],
    ['stanza body', 80],
    ['MAC', mac + 5],
    ['MAC end', start - 2],
    ['nonce', start + 3],
    ['chunk 0 first byte', start + 16],
    ['chunk 0 middle', start + 16 + 30_000],
    ['chunk 0 tag', start + chunk - 1],
    ['chunk 1 first byte', start + chunk],
    ['chunk 1 middle', start + chunk + 40_000],
    ['chunk 2 middle', start + 16 + 2 * (chunk - 16) + 1000],
    ['last chunk first byte', sealed.length - ((sealed.length - start - 16) % (chunk - 16)) + 1],
    ['last chunk tag', sealed.length - 8],
    ['last byte', sealed.length - 1],
  ];
  const out: [string, Buffer][] = flips.map(([what, at]) => {
    const b = Buffer.from(sealed);
    b[at] = (b[at] ?? 0) ^ 0x01;
    return [`flip ${what} (byte ${at})`, b];
  });
  for (const [what, len] of [
    ['inside the header', 40],
    ['at the payload start', start],
    ['inside the nonce', start + 8],
    ['mid chunk 0', start + 16 + 1234],
    ['at a chunk boundary', start + 16 + chunk],
    ['one byte short', sealed.length - 1],
    ['a tag short', sealed.length - 16],
  ] as const) {
    out.push([`truncated ${what}`, sealed.subarray(0, len)]);
  }
  for (const [what, extra] of [
    ['one byte', Buffer.from([0])],
    ['16 bytes', Buffer.alloc(16, 7)],
    ['a whole chunk', Buffer.alloc(chunk, 1)],
  ] as const) {
    out.push([`appended ${what}`, Buffer.concat([sealed, extra])]);
  }
  return out;
}

/** Tar members for a bag folder and its files (path → bytes). */
export function bagMembers(files: Map<string, Buffer>, bag: string): TarMember[] {
  return [{ header: { name: `${bag}/`, type: 'directory' } }, ...[...files].map(([p, d]) => tarFile(`${bag}/${p}`, d))];
}

/** The whole bag (tag files too) as path → bytes, read from a folder. */
export function readBag(dir: string, rel = ''): Files {
  const out: Files = new Map();
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of readBag(dir, p)) out.set(k, v);
    else out.set(p, fs.readFileSync(path.join(dir, p)));
  }
  return out;
}

function edit(files: Files, p: string, fn: (s: string) => string): Files {
  const copy = new Map(files);
  copy.set(p, Buffer.from(fn((files.get(p) ?? Buffer.alloc(0)).toString('utf8'))));
  return copy;
}

function entryLines(s: string, fn: (lines: string[]) => string[]): string {
  return `${fn(s.trimEnd().split('\n')).join('\n')}\n`;
}

/** Mutations of the whole bag without re-signing: the bag's own checks must catch them. */
function rawCases(bag: Files, name: string): [string, Buffer | Promise<Buffer>, CheckName][] {
  const drop = (p: string): Files => new Map([...bag].filter(([k]) => k !== p));
  const add = (p: string, d: string): Files => new Map([...bag, [p, Buffer.from(d)]]);
  const rename = (from: string, to: string): Files => new Map([...bag].map(([k, v]) => [k === from ? to : k, v]));
  const item = [...bag.keys()].find((k) => k.startsWith('data/items/')) ?? '';
  const t = (f: Files): Promise<Buffer> => buildTar(bagMembers(f, name));
  return [
    ['removed item file', t(drop(item)), 'bagit'],
    ['added payload file', t(add('data/items/999-extra.txt', 'planted')), 'bagit'],
    ['renamed item file', t(rename(item, `${item}.renamed`)), 'bagit'],
    ['removed manifest-sha256.txt', t(drop('manifest-sha256.txt')), 'bagit'],
    ['removed tagmanifest-sha512.txt', t(drop('tagmanifest-sha512.txt')), 'bagit'],
    ['removed bagit.txt', t(drop('bagit.txt')), 'bagit'],
    [
      'edited manifest line',
      t(edit(bag, 'manifest-sha256.txt', (s) => s.replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')))),
      'bagit',
    ],
    ['edited bag-info', t(edit(bag, 'bag-info.txt', (s) => s.replace('Vigil test', 'Someone else'))), 'bagit'],
    ['edited item byte', t(edit(bag, item, (s) => `X${s.slice(1)}`)), 'bagit'],
    [
      'altered custody entry (not re-bagged)',
      t(edit(bag, 'data/custody/entries.jsonl', (s) => s.replace('"seq":1', '"seq":7'))),
      'bagit',
    ],
    // An added tag file is not here: RFC 8493 allows tag files no tag manifest lists, so it is a
    // warning (see verify.test.ts), not a failure.
    ['byte-order mark in bagit.txt', t(edit(bag, 'bagit.txt', (s) => `\ufeff${s}`)), 'bagit'],
    [
      'item removed and listed in fetch.txt instead',
      t(new Map([...drop(item), ['fetch.txt', Buffer.from(`https://example.org/x - ${item}\n`)]])),
      'bagit',
    ],
    [
      'fetch.txt naming a path outside the bag',
      t(add('fetch.txt', 'https://example.org/x - ../../etc/passwd\n')),
      'bagit',
    ],
    ['removed .minisig', t(drop('tagmanifest-sha512.txt.minisig')), 'signature'],
    [
      'garbled .minisig',
      t(
        edit(bag, 'tagmanifest-sha512.txt.minisig', (s) =>
          s.replace(/\n(.)/, (_m, c: string) => `\n${c === 'A' ? 'B' : 'A'}`),
        ),
      ),
      'signature',
    ],
    ['path traversal entry', buildTar([...bagMembers(bag, name), tarFile(`${name}/../evil.txt`, 'x')]), 'tar'],
    ['absolute path entry', buildTar([...bagMembers(bag, name), tarFile('/tmp/evil.txt', 'x')]), 'tar'],
    [
      'symlink entry',
      buildTar([
        ...bagMembers(bag, name),
        { header: { name: `${name}/data/link`, type: 'symlink', linkname: '/etc/passwd' } },
      ]),
      'tar',
    ],
    [
      'device entry',
      buildTar([
        ...bagMembers(bag, name),
        { header: { name: `${name}/data/dev`, type: 'character-device', devmajor: 1, devminor: 3 } },
      ]),
      'tar',
    ],
    ['duplicate name', buildTar([...bagMembers(bag, name), tarFile(`${name}/bagit.txt`, 'again')]), 'tar'],
    ['case-colliding name', buildTar([...bagMembers(bag, name), tarFile(`${name}/BAGIT.txt`, 'x')]), 'tar'],
    ['second top folder', buildTar([...bagMembers(bag, name), tarFile('other/x.txt', 'x')]), 'tar'],
  ];
}

/** Mutations re-bagged and re-signed with the sender's key: only the custody checks can catch them. */
async function signedCases(spec: BagSpec, x: CorpusExtras): Promise<[string, Promise<Buffer>, CheckName][]> {
  const j = 'custody/entries.jsonl';
  const re = (files: Files, extra: Partial<BagSpec> = {}): Promise<Buffer> => sealBag({ ...spec, files, ...extra });
  const lines = (fn: (l: string[]) => string[]): Files => edit(spec.files, j, (s) => entryLines(s, fn));
  const swapProof = (l: string[]): string[] => {
    const p = (s: string): string => s.slice(s.indexOf(',"proof":'));
    return l.map((s, i) => (i === 1 ? s.slice(0, s.indexOf(',"proof":')) + p(l[2] ?? '') : s));
  };
  return [
    [
      'altered custody entry, re-signed bag',
      re(lines((l) => l.map((s, i) => (i === 1 ? s.replace(/"ts":"(\d)/, '"ts":"1') : s)))),
      'custody',
    ],
    [
      'altered entry signature',
      re(
        lines((l) =>
          l.map((s, i) =>
            i === 1 ? s.replace(/"sig":"(.)/, (_m, c: string) => `"sig":"${c === 'A' ? 'B' : 'A'}`) : s,
          ),
        ),
      ),
      'custody',
    ],
    [
      'entry not in canonical form',
      re(lines((l) => l.map((s, i) => (i === 0 ? s.replace('{"entry":{"', '{"entry":{ "') : s)))),
      'custody',
    ],
    ['duplicated entry line', re(lines((l) => [...l, l[0] ?? ''])), 'custody'],
    ['garbage entry line', re(lines((l) => [...l, 'not json'])), 'custody'],
    ['empty entries file', re(edit(spec.files, j, () => '')), 'custody'],
    ['entry from another vault', re(lines((l) => [...l, x.otherEntry])), 'custody'],
    [
      'altered proof hash',
      re(
        lines((l) =>
          l.map((s, i) =>
            i === 1 ? s.replace(/"proof":\["(.)/, (_m, c: string) => `"proof":["${c === 'A' ? 'B' : 'A'}`) : s,
          ),
        ),
      ),
      'proof',
    ],
    ['proof for another index', re(lines(swapProof)), 'proof'],
    [
      'index moved to another leaf',
      re(lines((l) => l.map((s, i) => (i === 0 ? s.replace(/"index":\d+/, '"index":9999') : s)))),
      'custody',
    ],
    ['older checkpoint', re(edit(spec.files, 'custody/checkpoint.txt', () => x.older)), 'proof'],
    [
      'checkpoint signature altered',
      re(
        edit(spec.files, 'custody/checkpoint.txt', (s) =>
          s.replace(/ (\S)(\S+)\n$/, (_m, c: string, rest: string) => ` ${c === 'A' ? 'B' : 'A'}${rest}\n`),
        ),
      ),
      'checkpoint',
    ],
    [
      'checkpoint root altered',
      re(
        edit(spec.files, 'custody/checkpoint.txt', (s) =>
          s.replace(/\n(\d+)\n(.)/, (_m, n: string, c: string) => `\n${n}\n${c === 'A' ? 'B' : 'A'}`),
        ),
      ),
      'checkpoint',
    ],
    ['checkpoint missing', re(new Map([...spec.files].filter(([k]) => k !== 'custody/checkpoint.txt'))), 'checkpoint'],
    ['keys.txt missing', re(new Map([...spec.files].filter(([k]) => k !== 'custody/keys.txt'))), 'signature'],
    [
      'keys.txt with a different key',
      re(
        edit(spec.files, 'custody/keys.txt', (s) =>
          s.replace(/# .* ed25519:[0-9a-f]{64}\n.*\n.*\n/, () => x.stranger.block),
        ),
      ),
      'signature',
    ],
    ['wrong vault in bag-info', re(spec.files, { vaultId: randomUUID() }), 'custody'],
    [
      'tag manifest signed by a listed key that made no entry',
      re(
        edit(spec.files, 'custody/keys.txt', (s) => s + x.stranger.block),
        { key: x.stranger.key },
      ),
      'signature',
    ],
    [
      'signature for another package id',
      re(spec.files, { comment: `vigil package ${randomUUID()} bag ${spec.bagName}` }),
      'signature',
    ],
  ];
}

/** What the corpus needs beyond the good package. */
export interface CorpusExtras {
  /** An earlier checkpoint note of the same vault. */
  older: string;
  /** An entries.jsonl line from another vault. */
  otherEntry: string;
  /** A key that made no entry, and its keys.txt block. */
  stranger: { key: MinisignKey; block: string };
}

/** Builds the tamper corpus from one good package into `dir`; every case names the check that must fail. */
export async function buildTamperCorpus(pkg: BuiltPackage, dir: string, extras: CorpusExtras): Promise<TamperCase[]> {
  const sealed = fs.readFileSync(pkg.file);
  const recipient = parseRecipient(pkg.recipient);
  const cases: TamperCase[] = [];
  const put = (name: string, bytes: Buffer, expect: CheckName): void => {
    const file = path.join(dir, `t${String(cases.length).padStart(3, '0')}.tar.age`);
    fs.writeFileSync(file, bytes);
    cases.push({ name, file, expect });
  };
  for (const [name, b] of byteCases(sealed)) put(name, b, 'decrypt');
  const unpacked = path.join(dir, 'pristine');
  fs.mkdirSync(unpacked);
  fs.writeFileSync(path.join(dir, 'p.tar'), pkg.tar);
  spawnSync('tar', ['-xf', path.join(dir, 'p.tar'), '-C', unpacked]);
  const bag = readBag(path.join(unpacked, pkg.spec.bagName));
  for (const [name, tar, expect] of rawCases(bag, pkg.spec.bagName))
    put(name, await ageEncrypt(await tar, [recipient]), expect);
  for (const [name, tar, expect] of await signedCases(pkg.spec, extras))
    put(name, await ageEncrypt(await tar, [recipient]), expect);
  const otherSig = await minisignSign(
    Buffer.from('another manifest'),
    pkg.spec.key,
    `vigil package ${pkg.spec.packageId} bag ${pkg.spec.bagName}`,
  );
  put(
    'swapped .minisig (signature of other bytes)',
    await ageEncrypt(
      await buildTar(
        bagMembers(new Map([...bag, ['tagmanifest-sha512.txt.minisig', Buffer.from(otherSig)]]), pkg.spec.bagName),
      ),
      [recipient],
    ),
    'signature',
  );
  const wrong = generateX25519Identity();
  put('sealed to another recipient', await ageEncrypt(pkg.tar, [parseRecipient(wrong.recipient)]), 'decrypt');
  put(
    'valid encryption around garbage',
    await ageEncrypt(Buffer.from('this is not a tar archive'.repeat(40)), [recipient]),
    'tar',
  );
  return cases;
}

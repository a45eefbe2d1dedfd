import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv, runCli, suiteTempDir, tempDir } from '../../helpers/vault';
import { cp1251, latin1, makeFifo, mkdirRaw, rawPath, symlinkRaw, writeRaw } from '../../helpers/legacy-names';

interface ItemJson {
  id: string;
  fileName: string;
  fileNameRaw: string | null;
  title: string;
  sha256: string;
  path?: string;
}
interface EntryJson {
  entry: { action: string; subject: string | null; data: Record<string, unknown> };
}

const LETTER = 'Лист з колонії.txt';
const REPLY_DIR = 'Відповіді';
const REPLY = 'Відповідь прокурора.txt';
const ZURICH = 'Zürich-Bericht.txt';

let source: string;
const content = new Map<string, Buffer>();

/**
 * A folder as a cp1251 archive unpacked on Linux leaves it: names in cp1251 and Latin-1 bytes, a link, a pipe, a hidden
 * file.
 */
function makeSource(root: string): { fifo: boolean } {
  const dir = path.join(root, 'archive');
  mkdirSync(dir);
  const files: [Buffer, string, Buffer][] = [
    [rawPath(dir, cp1251(LETTER)), LETTER, cp1251('Мене перевели в іншу колонію. Листи не доходять.\n')],
    [rawPath(dir, latin1(ZURICH)), 'Z\\xFCrich-Bericht.txt', randomBytes(3000)],
    [
      rawPath(mkdirRaw(rawPath(dir, cp1251(REPLY_DIR))), cp1251(REPLY)),
      REPLY,
      cp1251('Відомостей про місце перебування немає.\n'),
    ],
    [
      rawPath(mkdirRaw(rawPath(dir, 'notes')), 'plain.txt'),
      'plain.txt',
      Buffer.from('Called the colony on 3 March.\n'),
    ],
    [rawPath(dir, '.call-log.txt'), '.call-log.txt', Buffer.from('hidden, still evidence\n')],
  ];
  for (const [file, shown, bytes] of files) {
    writeRaw(file, bytes);
    content.set(shown, bytes);
  }
  symlinkRaw(rawPath(dir, cp1251(LETTER)), rawPath(dir, 'link.txt'));
  return { fifo: makeFifo(path.join(dir, 'pipe')) };
}

function newVault(): string {
  const dir = path.join(tempDir(), 'vault');
  const init = runCli(['init', dir, '--name', 'Anna']);
  expect(init.status, init.stderr).toBe(0);
  return dir;
}

function jsonLines<T>(stdout: string): T[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Runs vigil with one argument given as raw bytes, as a shell passes a name it read from the disk. */
function runCliRawArg(args: string[], raw: Buffer): ReturnType<typeof spawnSync> {
  const octal = [...raw].map((b) => `\\0${b.toString(8).padStart(3, '0')}`).join('');
  return spawnSync('/bin/sh', ['-c', 'exec "$NODE" "$CLI" "$@" "$(printf "%b" "$RAW")"', 'sh', ...args], {
    env: cliEnv({ NODE: process.execPath, CLI, RAW: octal }),
    encoding: 'utf8',
  });
}

let fifo = false;
beforeAll(() => {
  source = path.join(suiteTempDir('vigil-rawnames-'), 'src');
  mkdirSync(source);
  fifo = makeSource(source).fifo;
  if (!fifo) console.log('mkfifo is missing: the named pipe case is not checked');
});

describe('vigil add DIR: file names that are not UTF-8', () => {
  it(
    'adds every regular file under the folder, keeps each name as bytes and shows it readably; custody records ' +
      'it and the vault verifies',
    () => {
      const vault = newVault();
      const add = runCli(['add', vault, path.join(source, 'archive'), '--json']);
      expect(add.status, add.stderr).toBe(0);
      const lines = jsonLines<
        Partial<ItemJson> & { skipped?: string; reason?: string; summary?: { added: number; skipped: number } }
      >(add.stdout);
      const added = lines.filter((l): l is ItemJson => typeof l.id === 'string');
      expect(added.map((i) => i.fileName).sort()).toEqual([...content.keys()].sort());
      expect(lines.at(-1)?.summary).toEqual({ added: 5, skipped: fifo ? 2 : 1 });

      const listed = runCli(['item', 'list', vault, '--json']);
      expect(listed.status, listed.stderr).toBe(0);
      const items = JSON.parse(listed.stdout) as ItemJson[];
      const byName = new Map(items.map((i) => [i.fileName, i]));
      expect(Buffer.from(byName.get(LETTER)?.fileNameRaw ?? '', 'base64')).toEqual(cp1251(LETTER));
      expect(Buffer.from(byName.get(REPLY)?.fileNameRaw ?? '', 'base64')).toEqual(cp1251(REPLY));
      expect(Buffer.from(byName.get('Z\\xFCrich-Bericht.txt')?.fileNameRaw ?? '', 'base64')).toEqual(latin1(ZURICH));
      expect(byName.get('plain.txt')?.fileNameRaw).toBeNull();
      expect(byName.get(LETTER)?.title).toBe(LETTER);
      expect(runCli(['item', 'list', vault]).stdout).toContain(LETTER);

      for (const [shown, bytes] of content) {
        const cat = spawnSync(process.execPath, [CLI, 'cat', vault, byName.get(shown)?.id ?? ''], { env: cliEnv() });
        expect(cat.status, String(cat.stderr)).toBe(0);
        expect(Buffer.compare(cat.stdout, bytes), shown).toBe(0);
      }

      const show = runCli(['item', 'show', vault, byName.get(LETTER)?.id ?? '']);
      expect(show.stdout).toContain(`File ${LETTER}`);
      expect(show.stdout).toMatch(/not valid UTF-8.*cp1251/);

      const log = jsonLines<EntryJson>(runCli(['log', vault, '--json']).stdout);
      const ingest = (id: string | undefined): Record<string, unknown> | undefined =>
        log.find((l) => l.entry.action === 'item.ingested' && l.entry.subject === id)?.entry.data;
      // The name is cited by a salted commitment (its salt stays in the vault), never by its bare SHA-256.
      for (const [shown, raw, shownAs] of [
        [LETTER, cp1251(LETTER), 'cp1251'],
        ['Z\\xFCrich-Bericht.txt', latin1(ZURICH), 'escapes'],
      ] as const) {
        const data = ingest(byName.get(shown)?.id);
        expect(data).toMatchObject({
          rawNameCommitment: expect.stringMatching(/^[0-9a-f]{64}$/),
          rawNameShownAs: shownAs,
        });
        expect(data?.['rawNameCommitment']).not.toBe(sha256(raw));
        expect(data).not.toHaveProperty('rawNameSha256');
      }
      expect(ingest(byName.get('plain.txt')?.id)).not.toHaveProperty('rawNameCommitment');

      const verify = runCli(['verify', vault]);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    },
  );

  it('skips a symbolic link (and a named pipe) inside the folder with a line saying so, and counts them', () => {
    const vault = newVault();
    const add = runCli(['add', vault, path.join(source, 'archive')]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^skipped\s+.*link\.txt\s+\(a symbolic link/m);
    if (fifo) expect(add.stdout).toMatch(/^skipped\s+.*pipe\s+\(a named pipe/m);
    expect(add.stdout).toMatch(
      new RegExp(
        `^[0-9a-f-]{36}\\s+[0-9a-f]{64}\\s+.*${REPLY_DIR}/${REPLY}  \\(file name not valid UTF-8: read as cp1251\\)$`,
        'm',
      ),
    );
    expect(add.stdout.trim().split('\n').at(-1)).toBe(`5 added, ${fifo ? 2 : 1} skipped.`);
    expect(JSON.parse(runCli(['item', 'list', vault, '--json']).stdout)).toHaveLength(5);
  });

  it('vigil item add DIR adds the folder to a case with the given metadata', () => {
    const vault = newVault();
    expect(runCli(['case', 'new', vault, '--title', 'Colony letters', '--ref', 'UA-1']).status).toBe(0);
    const add = runCli([
      'item',
      'add',
      vault,
      path.join(source, 'archive'),
      '--case',
      'UA-1',
      '--kind',
      'letter',
      '--json',
    ]);
    expect(add.status, add.stderr).toBe(0);
    const items = JSON.parse(runCli(['item', 'list', vault, '--case', 'UA-1', '--json']).stdout) as (ItemJson & {
      kind: string;
    })[];
    expect(items.map((i) => i.fileName).sort()).toEqual([...content.keys()].sort());
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['letter']));
    // One title cannot name a folder's files: refused before anything is stored.
    const titled = runCli(['item', 'add', vault, path.join(source, 'archive'), '--case', 'UA-1', '--title', 'Letters']);
    expect(titled.status).toBe(2);
    expect(titled.stderr).toMatch(/--title names one item/);
    expect(JSON.parse(runCli(['item', 'list', vault, '--json']).stdout)).toHaveLength(5);
  });
});

describe('vigil add FILE: a single path whose name is not UTF-8', () => {
  it('says the name is not valid UTF-8 and to add its folder, instead of "does not exist", and adds nothing', () => {
    const vault = newVault();
    const archive = path.join(source, 'archive');
    const mangled = runCliRawArg(['add', vault], rawPath(archive, cp1251(LETTER)));
    expect(mangled.status).toBe(2);
    expect(mangled.stderr).toMatch(/not valid UTF-8 \(it looks like cp1251\)/);
    expect(mangled.stderr).toContain(`vigil add`);
    expect(mangled.stderr).not.toMatch(/does not exist/);

    // The readable form, copied from a listing, does not name the file either: the same explanation.
    const typed = runCli(['add', vault, path.join(archive, LETTER)]);
    expect(typed.stderr).toMatch(/not valid UTF-8 \(it looks like cp1251\)/);
    const latin = runCliRawArg(['add', vault], rawPath(archive, latin1(ZURICH)));
    expect(latin.stderr).toMatch(/not valid UTF-8 \(not cp1251 either/);

    const missing = runCli(['add', vault, path.join(archive, 'no-such-file.txt')]);
    expect(missing.stderr).toMatch(/does not exist/);
    expect(JSON.parse(runCli(['item', 'list', vault, '--json']).stdout)).toEqual([]);
  });

  it('every other command given such a path says the name is not valid UTF-8, not only that nothing is there', () => {
    const vault = newVault();
    expect(runCli(['case', 'new', vault, '--title', 'Packages', '--ref', 'P-1']).status).toBe(0);
    const dir = tempDir();
    const pkg = writeRaw(rawPath(dir, cp1251('Пакет від партнерів.tar.age')), 'not really a package');
    const profile = writeRaw(rawPath(dir, cp1251('Профіль.json')), '{}');
    const cases: [string, string[], Buffer, string][] = [
      ['verify', ['verify'], pkg, 'Пакет від партнерів.tar.age'],
      ['import', ['import', vault], pkg, 'Пакет від партнерів.tar.age'],
      [
        'export --profile',
        ['export', vault, '--case', 'P-1', '--passphrase', '-o', path.join(dir, 'p.tar.age'), '--profile'],
        profile,
        'Профіль.json',
      ],
    ];
    for (const [what, args, raw, shown] of cases) {
      const r = runCliRawArg(args, raw);
      expect(r.status, what).toBe(2);
      expect(r.stderr, what).toMatch(/not valid UTF-8/);
      expect(r.stderr, what).toContain(
        `its folder holds "${shown}", whose file name is not valid UTF-8 (it looks like cp1251)`,
      );
    }
    // A path that is simply missing gets no such note.
    const missing = runCli(['verify', path.join(dir, 'no-such-package.tar.age')]);
    expect(missing.stderr).not.toMatch(/UTF-8/);
    expect(JSON.parse(runCli(['item', 'list', vault, '--json']).stdout)).toEqual([]);
  });
});

describe('vigil add: names with control characters', () => {
  // A file name may hold a line break or a terminal escape: printed raw, it could forge an
  // acknowledgement line for a file that was never stored, or wipe the lines above it.
  const FORGED = `a\n00000000-0000-4000-8000-000000000000  ${'f'.repeat(64)}  planted.txt`;
  const ESCAPE = 'esc\u001b[2Jwipe.txt';
  const HIDDEN = '.hidden\u001b[1A.txt';
  const LINE = /^([0-9a-f-]{36} {2}[0-9a-f]{64} {2}\S|skipped {2}|\d+ added, \d+ skipped\.$)/;

  function hostileFolder(): string {
    const dir = path.join(tempDir(), 'hostile');
    mkdirSync(dir);
    writeRaw(rawPath(dir, FORGED), Buffer.from('forged\n'));
    writeRaw(rawPath(dir, ESCAPE), Buffer.from('escape\n'));
    writeRaw(rawPath(dir, HIDDEN), Buffer.from('hidden\n'));
    return dir;
  }

  it('vigil add and vigil item add show them as <U+XXXX>, one line per file; --json keeps the names as read', () => {
    const vault = newVault();
    const dir = hostileFolder();
    const add = runCli(['add', vault, dir, '--skip-hidden']);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).not.toContain('\u001b');
    const lines = add.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(add.stdout).toContain('/a<U+000A>00000000-0000-4000-8000-000000000000  ');
    expect(add.stdout).toContain('/esc<U+001B>[2Jwipe.txt');
    expect(add.stdout).toContain('/.hidden<U+001B>[1A.txt  (');

    expect(runCli(['case', 'new', vault, '--title', 'Hostile names', '--ref', 'H-1']).status).toBe(0);
    const one = runCli(['item', 'add', vault, path.join(dir, ESCAPE), '--case', 'H-1']);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).not.toContain('\u001b');
    expect(one.stdout.trim().split('\n')).toEqual([expect.stringMatching(LINE)]);

    const json = jsonLines<Partial<ItemJson>>(runCli(['add', newVault(), dir, '--json']).stdout);
    expect(json.filter((l) => typeof l.id === 'string').map((l) => l.fileName)).toEqual(
      expect.arrayContaining([FORGED, ESCAPE, HIDDEN]),
    );
  });
});

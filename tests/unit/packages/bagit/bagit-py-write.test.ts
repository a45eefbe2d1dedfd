import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeManifestPath } from '../../../../main/packages/bagit/bag-text';
import { validateBag } from '../../../../main/packages/bagit/bag-validate';
import { safeFileName } from '../../../../main/packages/export/items';
import { relativePathProblem } from '../../../../main/packages/tar/safe-path';
import { hasTool } from '../../../helpers/tools';
import { tempDir } from '../../../helpers/vault';
import { memEntry, untarBag, writeSampleTar } from '../helpers';
import { bagitPyReadLine } from './bagit-py-bag';

const hasSha256sum = hasTool('sha256sum');

// Recorded item names and the name each gets in the bag (after the "NNN-" prefix). Names whose
// characters were all replaced before too (line breaks, backslash, bidi override, "...") guard
// what must stay replaced.
const NAMES: [string, string][] = [
  ['Letter to mother (copy).txt', 'Letter to mother (copy).txt'],
  ['Ответ ФСИН № 12 от 3 марта — копия.pdf', 'Ответ ФСИН № 12 от 3 марта — копия.pdf'],
  ['Reply: 2024/03 "final"?.pdf', 'Reply_ 2024_03 _final_.pdf'],
  ['line\nbreak\ttab\r.txt', 'line_break_tab_.txt'],
  ['50% sure.pdf', '50_ sure.pdf'],
  ['back\\slash<>|*.doc', 'back_slash_.doc'],
  ['report\u202efdp.exe', 'report_fdp.exe'],
  ['cafe\u0301 #2 & notes.txt', 'caf\u00e9 #2 & notes.txt'],
  ['  trailing dots and spaces.. . ', 'trailing dots and spaces'],
  ['bad utf-8 \ufffd.txt', 'bad utf-8 _.txt'],
  ['...', 'file'],
  ['../../etc/passwd', '.._.._etc_passwd'],
];

describe('packages/export/safeFileName', () => {
  it.each(NAMES)('names %j in the bag as %j', (recorded, inBag) => {
    expect(safeFileName(recorded)).toBe(inBag);
  });

  it('cuts a long name to 200 bytes at a character boundary, keeping the extension', () => {
    const name = safeFileName(`${'доказательство '.repeat(20)}.pdf`);
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^доказательство .*[^ ]\.pdf$/);
  });
});

describe('packages/bagit/writeBag (read back as bagit.py reads it)', () => {
  it(
    'writes the recorded names so that bagit.py, RFC 8493 and sha256sum all read each manifest line as the file ' +
      'in the tar',
    async () => {
      const work = tempDir();
      const entries = NAMES.map(([recorded], i) =>
        memEntry(`items/${String(i + 1).padStart(3, '0')}-${safeFileName(recorded)}`, `item ${i}`),
      );
      for (const e of entries) expect(relativePathProblem(e.path), e.path).toBeNull();
      const bag = untarBag(await writeSampleTar(work, entries), path.join(work, 'out'));
      const lines = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8').split('\n').filter(Boolean);
      const expected = NAMES.map(([, inBag], i) => `data/items/${String(i + 1).padStart(3, '0')}-${inBag}`).sort();
      const read = lines.map((l) => bagitPyReadLine(l)?.path);
      expect(read).toEqual(expected);
      for (const line of lines) {
        const raw = line.slice(66);
        expect(decodeManifestPath(raw), 'RFC 8493 reads the same path').toBe(raw);
        expect(fs.existsSync(path.join(bag, ...raw.split('/'))), raw).toBe(true);
      }
      expect((await validateBag(bag, { unlistedTagFiles: ['tagmanifest-sha512.txt.minisig'] })).problems).toEqual([]);
      if (hasSha256sum) {
        const check = spawnSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag, encoding: 'utf8' });
        expect(check.status, check.stdout + check.stderr).toBe(0);
        expect(check.stdout.split('\n').filter(Boolean)).toHaveLength(NAMES.length);
      }
    },
  );
});

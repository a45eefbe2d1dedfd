import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkFiles } from '../../../main/fs/walk-files';
import { cp1251, rawPath, writeRaw } from '../../helpers/legacy-names';
import { tempDir } from '../../helpers/vault';

function tree(): string {
  const root = tempDir();
  mkdirSync(path.join(root, 'b'));
  mkdirSync(path.join(root, '.git'));
  writeFileSync(path.join(root, 'a.txt'), 'a');
  writeFileSync(path.join(root, 'b', 'c.txt'), 'c');
  writeFileSync(path.join(root, '.git', 'HEAD'), 'h');
  writeFileSync(path.join(root, '.hidden'), 'x');
  writeRaw(rawPath(root, cp1251('Лист.txt')), 'l');
  symlinkSync(path.join(root, 'b'), path.join(root, 'link-to-b'));
  return root;
}

describe('fs/walk-files/walkFiles', () => {
  it(
    'lists regular files depth first in byte order, hidden ones included, with names as bytes; a link to a ' +
      'folder is skipped, not followed',
    async () => {
      const root = tree();
      const found = await walkFiles(`${root}/`);
      expect(found.map((e) => [e.kind, path.relative(root, e.shown)])).toEqual([
        ['file', '.git/HEAD'],
        ['file', '.hidden'],
        ['file', 'a.txt'],
        ['file', 'b/c.txt'],
        ['skipped', 'link-to-b'],
        ['file', 'Лист.txt'],
      ]);
      expect(found.at(-1)?.path).toEqual(rawPath(root, cp1251('Лист.txt')));
      expect(found[4]).toMatchObject({ kind: 'skipped', reason: 'symlink' });
    },
  );

  it('with skipHidden, reports each hidden name (a hidden folder once) instead of walking it', async () => {
    const root = tree();
    const found = await walkFiles(root, { skipHidden: true });
    expect(
      found.filter((e) => e.kind === 'skipped' && e.reason === 'hidden').map((e) => path.basename(e.shown)),
    ).toEqual(['.git', '.hidden']);
    expect(found.filter((e) => e.kind === 'file')).toHaveLength(3);
  });

  it(
    'refuses a folder with more files than the limit, and ' + 'one that cannot be read, before anything is added',
    async () => {
      const root = tree();
      await expect(walkFiles(root, { maxFiles: 4 })).rejects.toThrow(/more than 4 files/);
      await expect(walkFiles(path.join(root, 'missing'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    },
  );
});

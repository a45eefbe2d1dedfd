/**
 * data/case.json of a received package: text that could not be signed into custody (an
 * unpaired UTF-16 surrogate, which JSON can carry as a \udxxx escape) is refused as a bad
 * package before anything is stored, while a whole pair (an emoji) is ordinary text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderBag } from '../../../../main/packages/bagit/bag-files';
import { readCaseJson } from '../../../../main/packages/import/case-json';
import { tempDir } from '../../../helpers/vault';

function bagWithCaseJson(text: string): ReturnType<typeof folderBag> {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'data', 'case.json'), text);
  return folderBag(dir);
}

const caseJson = (title: string, personName: string): string =>
  `{"case":{"title":"${title}"},"people":[{"id":"p1","code":"D-1","roles":["detainee"],"name":"${personName}"}]}`;

describe('packages/import/case-json', () => {
  it('reads a case whose text holds whole characters, emoji included', async () => {
    const read = await readCaseJson(bagWithCaseJson(caseJson('Transfer \\ud83d\\ude00', 'Olena Petrenko')));
    expect(read.case.title).toBe('Transfer \u{1F600}');
    expect(read.people[0]?.name).toBe('Olena Petrenko');
  });

  it('refuses an unpaired surrogate anywhere in the text, saying where, with PACKAGE_INVALID', async () => {
    for (const [json, where] of [
      [caseJson('Transfer \\ud800', 'Olena Petrenko'), 'case.title'],
      [caseJson('Transfer', 'Olena \\udfff Petrenko'), 'people.0.name'],
    ] as const) {
      const read = readCaseJson(bagWithCaseJson(json));
      await expect(read).rejects.toMatchObject({ code: 'PACKAGE_INVALID' });
      await expect(read).rejects.toThrow(`${where}: holds a broken character (an unpaired UTF-16 surrogate)`);
    }
  });
});

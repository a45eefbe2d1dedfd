import { describe, expect, it } from 'vitest';
import {
  countProtectedNames,
  locateProtectedNames,
  protectNames,
  type ProtectedPerson,
} from '../../../../main/evidence/protect-names';
import type { NamePolicy } from '../../../../main/packages/export/names';
import {
  assertNoSurvivingNames,
  findSurvivingNames,
  packageTexts,
  readerText,
  SurvivingNamesError,
} from '../../../../main/packages/export/seal-scan';

// Fictional people.
const people: ProtectedPerson[] = [
  { code: 'D-021', names: ['Олена Петренко', 'Olena Petrenko'] },
  { code: 'W-003', names: ['Taras Vyshnyak'] },
];
const policy: NamePolicy = {
  named: () => false,
  text: (v) => protectNames(v, people),
  replaces: true,
  count: (v) => countProtectedNames(v, people),
  locate: (v) => locateProtectedNames(v, people),
};
const NOBODY: NamePolicy = {
  named: () => true,
  text: (v) => v,
  replaces: false,
  count: () => new Map(),
  locate: () => [],
};

/**
 * A clean version of each text file of a bag, and a broken one with a name slipped in on line 2 (as its writer would
 * write it).
 */
const FILES: [string, string, string][] = [
  ['case.json', '{\n  "reference": "UA-14"\n}\n', '{\n  "reference": "UA-Olena-Petrenko"\n}\n'],
  ['case.json', '{\n  "title": "x"\n}\n', '{\n  "title": "Олена\\nПетренко"\n}\n'],
  ['submission/communication.json', '{\n  "place": "\\u0422"\n}\n', '{\n  "place": "\\u041eлена_\\u041fетренко"\n}\n'],
  ['register.csv', 'id,title\r\na,"Letter"\r\n', 'id,title\r\na,"olena.petrenko letter"\r\n'],
  ['transcripts/W-1.txt', 'line one\nW-003: hello\n', 'line one\nTaras-Vyshnyak: hello\n'],
  ['transcripts/W-1.vtt', 'WEBVTT\n<v W-003>hello\n', 'WEBVTT\n<v Olena&amp;Petrenko>hello\n'],
  ['VERIFY.txt', 'Package\nsigned by Investigator.\n', 'Package\nsigned by OLENA PETRENKO.\n'],
  [
    'custody/keys.txt',
    '# Investigator ed25519:ab\nuntrusted comment: x\n',
    '# Investigator ed25519:ab\n# Taras Vyshnyak ed25519:cd\n',
  ],
  [
    'custody/entries.jsonl',
    '{"entry":{"data":{"n":1}},"sig":"x"}\n{"entry":{"data":{"title":"W-003"}},"sig":"y"}\n',
    '{"entry":{"data":{"n":1}},"sig":"x"}\n{"entry":{"data":{"title":"Taras\\tVyshnyak"}},"sig":"y"}\n',
  ],
  ['custody/checkpoint.txt', 'vigil/v\n\u2014 vigil-00ab AAAA\n', 'vigil/v\n\u2014 olena-petrenko AAAA\n'],
];

describe('packages/export/seal-scan/findSurvivingNames', () => {
  it('finds nothing in clean texts, nor in any text when the profile hides no one', () => {
    const clean = FILES.map(([p, text]) => ({ where: `data/${p}`, text: readerText(p, Buffer.from(text)) }));
    expect(findSurvivingNames(clean, policy)).toEqual([]);
    const broken = FILES.map(([p, , text]) => ({ where: `data/${p}`, text: readerText(p, Buffer.from(text)) }));
    expect(findSurvivingNames(broken, NOBODY)).toEqual([]);
  });

  it.each(FILES)(
    'catches a name slipped into %s, by file, line and code, as its reader would see it',
    (p, _clean, broken) => {
      const found = findSurvivingNames([{ where: `data/${p}`, text: readerText(p, Buffer.from(broken)) }], policy);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ where: `data/${p}`, line: 2 });
      expect(['D-021', 'W-003']).toContain(found[0]?.code);
    },
  );

  it('reads only the key names of keys.txt, the data of custody entries and the names of checkpoint signers', () => {
    // Base64 and hex can hold letter runs; a short alias must not be found in them.
    const short: ProtectedPerson[] = [{ code: 'D-9', names: ['Ab'] }];
    const p: NamePolicy = { ...policy, locate: (v) => locateProtectedNames(v, short) };
    const keys = '# Investigator ed25519:00ab00\nuntrusted comment: minisign public key\nRWab+Ab/AbCd\n';
    expect(findSurvivingNames([{ where: 'k', text: readerText('custody/keys.txt', Buffer.from(keys)) }], p)).toEqual(
      [],
    );
    const entries = '{"entry":{"actor":"ab","data":{}},"sig":"Ab+Ab/Ab","proof":["ab/+ab"]}\n';
    expect(
      findSurvivingNames([{ where: 'e', text: readerText('custody/entries.jsonl', Buffer.from(entries)) }], p),
    ).toEqual([]);
    const note = 'vigil/x\n3\nAb+Ab/Ab=\n\n\u2014 vigil-00ab Ab+Ab/Ab==\n';
    expect(
      findSurvivingNames([{ where: 'c', text: readerText('custody/checkpoint.txt', Buffer.from(note)) }], p),
    ).toEqual([]);
  });

  it(
    'catches a name in the package file name, the bag file names and bag-info.txt, and shows file names with the ' +
      'name replaced',
    () => {
      const texts = packageTexts(
        {
          fileName: 'olena_petrenko.tar.age',
          bag: 'vigil-package-20260101',
          paths: ['items/001-Olena_Petrenko.txt', 'case.json'],
          bagInfo: 'Bagging-Date: 2026-01-01\nSource-Organization: Taras\n  Vyshnyak\n',
        },
        policy,
      );
      expect(findSurvivingNames(texts, policy)).toEqual([
        { where: 'the package file name', line: 1, code: 'D-021' },
        { where: 'the file name data/items/001-D-021.txt', line: 1, code: 'D-021' },
        { where: 'bag-info.txt', line: 2, code: 'W-003' },
      ]);
    },
  );
});

describe('packages/export/seal-scan/assertNoSurvivingNames', () => {
  it('refuses with every place listed by code, never by name', () => {
    const texts = FILES.map(([p, , text]) => ({ where: `data/${p}`, text: readerText(p, Buffer.from(text)) }));
    let err: unknown;
    try {
      assertNoSurvivingNames(texts, policy);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SurvivingNamesError);
    const e = err as SurvivingNamesError;
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.found).toHaveLength(FILES.length);
    expect(e.message).toContain('data/register.csv, line 2: D-021');
    expect(e.message).toContain('data/custody/keys.txt, line 2: W-003');
    for (const word of ['olena', 'petrenko', 'олена', 'петренко', 'taras', 'vyshnyak'])
      expect(e.message.toLowerCase()).not.toContain(word);
    expect(() => assertNoSurvivingNames(texts.slice(0, 0), policy)).not.toThrow();
  });
});

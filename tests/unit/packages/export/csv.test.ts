import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../../../main/evidence/items';
import { registerCsv } from '../../../../main/packages/export/case-data';
import { csvText } from '../../../../main/packages/export/csv';

/** RFC 4180 §2: records of fields separated by commas, each ended by CRLF; a field is plain or quoted with "" for ". */
const RFC4180_FILE = /^(?:(?:"(?:[^"]|"")*"|[^",\r\n]*)(?:,(?:"(?:[^"]|"")*"|[^",\r\n]*))*\r\n)+$/;

function cell(value: string): string {
  return csvText([[value]]).replace(/\r\n$/, '');
}

describe('packages/export/csvText', () => {
  it.each([
    ['=', '=1+1', "'=1+1"],
    ['+', '+1+1', "'+1+1"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(1;1)', "'@SUM(1;1)"],
    ['tab', '\t=1+1', "'\t=1+1"],
    // A CR in a cell must be quoted (RFC 4180 §2.6), after the ' is put in front.
    ['CR', '\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell led by %s with a leading quote', (_, value, written) => {
    expect(cell(value)).toBe(written);
  });

  it('neutralises a negative number too: a spreadsheet evaluates a leading minus as an expression', () => {
    expect(cell('-1')).toBe("'-1");
    expect(cell("-cmd|' /C calc'!A0")).toBe("'-cmd|' /C calc'!A0");
  });

  it('neutralises the full-width forms of the triggers, which some spreadsheets fold to the ASCII ones', () => {
    expect(cell('\uff1d1+1')).toBe("'\uff1d1+1");
  });

  it('leaves cells alone whose trigger is not the first character, and empty cells', () => {
    for (const value of ['a=1+1', '1-2', ' =1+1', "'=1+1", 'Reply 2025-03', '2025-03-14', ''])
      expect(cell(value)).toBe(value);
  });

  it('neutralises then quotes a formula cell holding quotes, a comma and CRLF, and the file stays RFC 4180', () => {
    const hostile = '="a""b"\r\n,=HYPERLINK("http://x","y")';
    expect(cell(hostile)).toBe(`"'=""a""""b""\r\n,=HYPERLINK(""http://x"",""y"")"`);
    expect(cell('"quoted", said\r\nthe letter')).toBe('"""quoted"", said\r\nthe letter"');
    const file = csvText([
      ['id', 'title'],
      ['1', hostile],
      ['2', '\r=1+1'],
      ['3', 'plain'],
    ]);
    expect(file).toMatch(RFC4180_FILE);
    expect(file.endsWith('plain\r\n')).toBe(true);
  });

  it('quotes a lone CR or LF inside a cell, so it cannot end the record for any reader', () => {
    expect(cell('line one\nline two')).toBe('"line one\nline two"');
    expect(cell('line one\rline two')).toBe('"line one\rline two"');
    expect(csvText([['a\nb', 'c']])).toMatch(RFC4180_FILE);
  });
});

describe('packages/export/registerCsv', () => {
  const item: ItemSummary = {
    id: 'item-1',
    title: '=HYPERLINK("http://x","y")',
    fileName: 'a.txt',
    objectId: 'o',
    sha256: 'a'.repeat(64),
    sha512: 'b'.repeat(128),
    size: 12,
    createdAt: '2025-01-01T00:00:00.000Z',
    caseId: 'c',
    kind: 'letter',
    mediaType: 'text/plain',
    date: null,
    dateApprox: false,
    sourcePersonId: null,
    acquisition: {},
    extractionStatus: 'none',
    extractionError: null,
    derivativeOf: null,
    derivativeKind: null,
    fileNameRaw: null,
  };

  it('writes item titles that look like formulas as text', () => {
    const csv = registerCsv([{ item, original: null, path: 'items/001-a.txt' }], [], {
      named: () => true,
      text: (v) => v,
      replaces: false,
      count: () => new Map(),
      locate: () => [],
    });
    expect(csv).toMatch(RFC4180_FILE);
    expect(csv.split('\r\n')[1]).toBe(
      `item-1,"'=HYPERLINK(""http://x"",""y"")",letter,,,,${'a'.repeat(64)},12,data/items/001-a.txt`,
    );
  });
});

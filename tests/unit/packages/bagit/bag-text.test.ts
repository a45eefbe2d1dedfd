import { describe, expect, it } from 'vitest';
import {
  bagInfoText,
  decodeManifestPath,
  decodeManifestPathAsBagitPy,
  encodeManifestPath,
  foldLine,
  parseManifest,
  parseTags,
} from '../../../../main/packages/bagit/bag-text';

describe('packages/bagit/encodeManifestPath', () => {
  it('percent-encodes CR, LF and % only, and decodes back', () => {
    expect(encodeManifestPath('data/a%b\r\nc d')).toBe('data/a%25b%0D%0Ac d');
    expect(decodeManifestPath('data/a%25b%0d%0Ac%20d')).toBe('data/a%b\r\nc%20d');
  });

  it('decodes as bagit.py does on request: %0D and %0A only', () => {
    expect(decodeManifestPathAsBagitPy('data/a%25b%0d%0Ac%20d')).toBe('data/a%25b\r\nc%20d');
  });
});

describe('packages/bagit/foldLine', () => {
  it('keeps lines within 79 characters and unfolds to the original', () => {
    const line = `Label: ${Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ')}  two  spaces`;
    const folded = foldLine(line);
    expect(folded.split('\n').every((l) => l.length <= 79)).toBe(true);
    expect(
      folded
        .split('\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).toBe(true);
    expect(folded.replace(/\n/g, '')).toBe(line);
  });

  it('leaves a long word unbroken rather than change it', () => {
    const line = `Label: ${'x'.repeat(100)}`;
    expect(foldLine(line)).toBe(line);
  });
});

describe('packages/bagit/parseTags', () => {
  it('joins folded lines and trims values', () => {
    const text = bagInfoText([
      ['A', 'one'],
      ['Long', Array.from({ length: 30 }, () => 'word').join(' ')],
    ]);
    expect(parseTags(text).pairs).toEqual([
      ['A', 'one'],
      ['Long', Array.from({ length: 30 }, () => 'word').join(' ')],
    ]);
  });

  it('reports lines without a label', () => {
    expect(parseTags(' starts with space\nno colon\n').problems).toHaveLength(2);
  });
});

describe('packages/bagit/parseManifest', () => {
  it('reads checksum lines and flags malformed ones', () => {
    const hex = 'a'.repeat(64);
    expect(parseManifest(`${hex}  data/x%0Ay\r\nzz  data/q\n${hex.slice(1)}  data/r\n`, 64)).toEqual([
      { line: 1, hex, path: 'data/x\ny', raw: 'data/x%0Ay' },
      { line: 2, problem: 'line 2 is not "<checksum> <file>"' },
      { line: 3, problem: 'line 3 has a checksum of the wrong length' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { baseNameBytes, joinRaw, looksLike, readableName, readablePath } from '../../../main/fs/file-names';
import { cp1251, latin1 } from '../../helpers/legacy-names';

describe('fs/file-names/readableName', () => {
  it('keeps a UTF-8 name as it is', () => {
    expect(readableName(Buffer.from('Лист з колонії.txt'))).toEqual({ shown: 'Лист з колонії.txt', shownAs: 'utf-8' });
  });

  it('reads Ukrainian and Russian cp1251 names as cp1251', () => {
    for (const name of [
      'Лист з колонії.txt',
      'ВІДПОВІДЬ прокуратури №17 — «ІК-7».docx',
      'Ходатайство адвоката.pdf',
      'Ґрунт.jpg',
    ]) {
      expect(readableName(cp1251(name))).toEqual({ shown: name, shownAs: 'cp1251' });
    }
  });

  it('shows bytes that do not read as Cyrillic with \\xNN escapes, keeping the UTF-8 around them', () => {
    // Latin-1 "ü" would read as cp1251 "ь" inside a Latin word: not a plausible name.
    expect(readableName(latin1('Zürich-Bericht.txt'))).toEqual({ shown: 'Z\\xFCrich-Bericht.txt', shownAs: 'escapes' });
    // "яю" mixed with "a" in one word
    expect(readableName(Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74])).shownAs).toBe('escapes');
    expect(readableName(Buffer.concat([Buffer.from('Ї-'), Buffer.of(0x98), Buffer.from('.txt')])).shown).toBe(
      'Ї-\\x98.txt',
    );
    expect(readableName(Buffer.of(0x41, 0x0a, 0xc0)).shown).toBe('A\n\\xC0');
  });

  it('refuses cp1251 readings with control characters or implausible casing', () => {
    expect(readableName(Buffer.of(0xff, 0xdf, 0xff)).shownAs).toBe('escapes'); // "яЯя"
    expect(readableName(Buffer.of(0xc0, 0x98)).shownAs).toBe('escapes'); // 0x98 is no character in cp1251
  });
});

describe('fs/file-names/paths', () => {
  it('reads each name of a path on its own and finds the last name', () => {
    const p = joinRaw(joinRaw(Buffer.from('/data/Листи'), cp1251('Відповіді')), latin1('Zürich.txt'));
    expect(readablePath(p)).toBe('/data/Листи/Відповіді/Z\\xFCrich.txt');
    expect(baseNameBytes(p)).toEqual(latin1('Zürich.txt'));
    expect(baseNameBytes(Buffer.from('a/b/'))).toEqual(Buffer.from('b'));
    expect(joinRaw(Buffer.from('/'), Buffer.from('x'))).toEqual(Buffer.from('/x'));
  });
});

describe('fs/file-names/looksLike', () => {
  it('matches the readable form, the Latin-1 reading, and the U+FFFD form Node makes of the bytes', () => {
    const raw = cp1251('Лист.txt');
    expect(looksLike(raw, 'Лист.txt')).toBe(true);
    expect(looksLike(raw, Buffer.from(raw).toString('utf8'))).toBe(true);
    expect(looksLike(raw, '\uFFFD.txt')).toBe(true);
    expect(looksLike(latin1('Zürich.txt'), 'Zürich.txt')).toBe(true);
    expect(looksLike(raw, 'Лист.doc')).toBe(false);
    expect(looksLike(raw, '\uFFFD.doc')).toBe(false);
  });
});

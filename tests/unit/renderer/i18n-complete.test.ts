// Every language must have every key English has (and nothing English lacks),
// and every {{placeholder}} of a message must survive translation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = path.resolve(import.meta.dirname, '../../../renderer/i18n/locales');

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value))
      for (const [k, v] of flatten(child, prefix === '' ? key : `${prefix}.${key}`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? '').sort();
const read = (lng: string, file: string): Map<string, string> =>
  flatten(JSON.parse(readFileSync(path.join(LOCALES, lng, file), 'utf8')));

describe('renderer/i18n locales', () => {
  const languages = readdirSync(LOCALES);
  const namespaces = readdirSync(path.join(LOCALES, 'en'));

  it('ships English, Ukrainian and Russian with the same namespace files', () => {
    expect(languages.sort()).toEqual(['en', 'ru', 'uk']);
    for (const lng of languages) expect(readdirSync(path.join(LOCALES, lng)).sort()).toEqual([...namespaces].sort());
  });

  for (const ns of namespaces) {
    it(`${ns}: every language has exactly the English keys, with the same placeholders, none empty`, () => {
      const en = read('en', ns);
      for (const lng of languages) {
        const other = read(lng, ns);
        expect([...other.keys()].sort(), `${lng}/${ns}`).toEqual([...en.keys()].sort());
        for (const [key, text] of other) {
          expect(text.trim(), `${lng}/${ns} ${key}`).not.toBe('');
          expect(placeholders(text), `${lng}/${ns} ${key}`).toEqual(placeholders(en.get(key) ?? ''));
        }
      }
    });
  }
});

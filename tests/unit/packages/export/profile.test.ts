import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, profileChanges, profileSettings } from '../../../../main/packages/export/profile';
import { tempDir } from '../../../helpers/vault';

describe('packages/export/loadProfile', () => {
  it('takes the built-in names and a valid custom file', async () => {
    expect(await loadProfile('protected')).toBe('protected');
    expect(await loadProfile('full')).toBe('full');
    const file = path.join(tempDir(), 'p.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'court',
        names: 'codes',
        recordings: false,
        stripExif: true,
        contactDetails: false,
        items: { kinds: ['letter'] },
      }),
    );
    expect(await loadProfile(file)).toEqual({
      name: 'court',
      names: 'codes',
      recordings: false,
      stripExif: true,
      contactDetails: false,
      items: { kinds: ['letter'] },
    });
  });

  it('refuses a missing file, bad JSON, unknown keys and wrong values', async () => {
    const dir = tempDir();
    await expect(loadProfile(path.join(dir, 'none.json'))).rejects.toThrow(/No profile/);
    const write = (name: string, text: string): string => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    await expect(loadProfile(write('a.json', '{'))).rejects.toThrow(/not valid JSON/);
    const base = { name: 'x', names: 'codes', recordings: true, stripExif: true, contactDetails: false };
    await expect(loadProfile(write('b.json', JSON.stringify({ ...base, extra: 1 })))).rejects.toThrow(
      /not a valid export profile/,
    );
    await expect(loadProfile(write('c.json', JSON.stringify({ ...base, names: 'some' })))).rejects.toThrow(/names/);
    await expect(
      loadProfile(write('d.json', JSON.stringify({ ...base, items: { kinds: ['poster'] } }))),
    ).rejects.toThrow(/items/);
  });
});

describe('packages/export/profileChanges', () => {
  it('says in words what each profile changed', () => {
    expect(profileChanges(profileSettings('full'), { stripped: 0, leftOut: 0 })[0]).toMatch(/^Nothing/);
    const words = profileChanges(profileSettings('protected'), { stripped: 2, leftOut: 0 }).join(' ');
    expect(words).toMatch(/did not consent/);
    expect(words).toMatch(/2 exported JPEG/);
    expect(words).toMatch(/contact details/);
    const custom = profileChanges(
      profileSettings({
        name: 'c',
        names: 'codes',
        recordings: false,
        stripExif: false,
        contactDetails: true,
        items: { kinds: ['letter'] },
      }),
      { stripped: 0, leftOut: 3 },
    ).join(' ');
    expect(custom).toMatch(/protective code only/);
    expect(custom).toMatch(/recordings were left out/);
    expect(custom).toMatch(/3 item/);
  });
});

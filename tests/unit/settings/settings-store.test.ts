import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, SettingsStore } from '../../../main/settings/settings-store';
import { tempDir } from '../../helpers/vault';

function fileIn(dir = tempDir()): string {
  return path.join(dir, 'settings.json');
}

describe('settings/SettingsStore', () => {
  it('gives the defaults when there is no file yet, without writing one', () => {
    const file = fileIn();
    const store = new SettingsStore(file);
    expect(store.current()).toEqual({ autoLockMinutes: 10, language: null, lastVaultDir: null });
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('round-trips: what update saved is what a new store reads, and no temp file stays behind', async () => {
    const file = fileIn();
    const store = new SettingsStore(file);
    await store.update({ language: 'ru', autoLockMinutes: 45, lastVaultDir: '/evidence/vault' });
    await store.update({ autoLockMinutes: 5 });
    expect(new SettingsStore(file).current()).toEqual({
      language: 'ru',
      autoLockMinutes: 5,
      lastVaultDir: '/evidence/vault',
    });
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('creates the folder of the file when it is missing', async () => {
    const file = path.join(tempDir(), 'profile', 'Vigil', 'settings.json');
    await new SettingsStore(file).update({ language: 'uk' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ language: 'uk' });
  });

  it('refuses values out of range, changing nothing in memory or on disk', async () => {
    const file = fileIn();
    const store = new SettingsStore(file);
    await store.update({ autoLockMinutes: 20 });
    await expect(store.update({ autoLockMinutes: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('shorter than 1 minute'),
    });
    await expect(store.update({ autoLockMinutes: 481 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('8 hours'),
    });
    await expect(store.update({ language: 'fr' as 'en' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(store.current().autoLockMinutes).toBe(20);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ autoLockMinutes: 20 });
  });

  it('a corrupt file gives the defaults and is kept aside, not deleted', () => {
    const file = fileIn();
    writeFileSync(file, '{"autoLockMinutes": 10, "langu');
    const loaded = loadSettings(file);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.keptAside).not.toBeNull();
    expect(readFileSync(loaded.keptAside ?? '', 'utf8')).toBe('{"autoLockMinutes": 10, "langu');
    expect(readdirSync(path.dirname(file)).some((f) => f === 'settings.json')).toBe(false);
  });

  it('a file with a value out of range (auto-lock switched off by hand) is treated as corrupt', () => {
    const file = fileIn();
    writeFileSync(file, JSON.stringify({ autoLockMinutes: 0, language: 'en', lastVaultDir: null }));
    const store = new SettingsStore(file);
    expect(store.current().autoLockMinutes).toBe(10);
    expect(store.keptAside()).toMatch(/settings\.json\.unreadable-/);
  });

  it('takes defaults for fields an older version did not write and ignores fields it does not know', () => {
    const file = fileIn();
    writeFileSync(file, JSON.stringify({ language: 'uk', futureOption: true }));
    expect(new SettingsStore(file).current()).toEqual({ autoLockMinutes: 10, language: 'uk', lastVaultDir: null });
  });
});

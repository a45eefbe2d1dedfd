// What the core host tests share: temp folders removed after each test, and a host's setup as tests give it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostInit } from '../../../main/host/protocol';
import { fastKdf } from '../../helpers/kdf';

/** Temp folders named `prefix…`; `removeAll` deletes every one made so far. */
export function tempFolders(prefix: string): { make(): string; removeAll(): void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    removeAll: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A test host's setup: settings in `settingsDir`, light Argon2id, errors reported to main, no auto-lock. */
export async function testHostInit(settingsDir: string, parsersFromMain = false): Promise<HostInit> {
  return {
    appInfo: { name: 'Vigil', version: '0.0.0-test' },
    settingsFile: path.join(settingsDir, 'settings.json'),
    mediaBase: 'vigil-media://media',
    validateResponse: true,
    errorLog: null,
    reportInternalErrors: true,
    kdf: await fastKdf(),
    autoLock: false,
    parsersFromMain,
  };
}

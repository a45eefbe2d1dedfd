import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { createVault } from '../../main/vault/create';
import { fastKdf } from './kdf';
import type { Vault } from '../../main/vault/vault';

export { fastKdf };

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(PROJECT_ROOT, 'bin', 'vigil.cjs');
export const TEST_PASSPHRASE = 'correct horse battery staple';

const tempDirs: string[] = [];

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix = 'vigil-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

const suiteDirs: string[] = [];

/** A temp folder that lives until the end of the test file (for beforeAll fixtures). */
export function suiteTempDir(prefix = 'vigil-suite-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  suiteDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  for (const dir of suiteDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The fastest Argon2id limits, for tests that create many vaults (one test elsewhere runs the defaults). */

/** Creates a vault in a new temp folder with fast KDF limits. */
export async function newTestVault(
  name = 'Test Investigator',
): Promise<{ dir: string; vault: Vault; recoveryCode: string }> {
  const dir = path.join(tempDir(), 'vault');
  const { vault, recoveryCode } = await createVault(dir, {
    memberName: name,
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  });
  return { dir, vault, recoveryCode };
}

/** Environment for running the CLI in tests: fast KDF, the test passphrase, no TTY prompts. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, VIGIL_INSECURE_TEST_KDF: '1', VIGIL_PASSPHRASE: TEST_PASSPHRASE, ...extra };
}

/** Runs the built `vigil` command synchronously. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: cliEnv(env),
    encoding: 'utf8',
    input: input ?? '',
    maxBuffer: 64 << 20,
  });
}

/** Starts the built `vigil` command as a child process (for kill tests). */
export function spawnCli(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [CLI, ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every file under a folder with its bytes, for before/after comparisons. */
export function snapshotFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(path.relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

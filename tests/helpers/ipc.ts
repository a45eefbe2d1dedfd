/**
 * Shared setup for the IPC handler tests: services disposed after each test,
 * calls through the dispatcher with response validation, and demo/empty vaults.
 */
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Channel } from '../../shared/channels';
import type { Res } from '../../shared/contract';
import { dispatchByName } from '../../main/ipc/dispatch';
import { createDemoVault, type DemoSummary } from '../../main/evidence/demo';
import { testServices, type TestServices, type TestServicesOptions } from './app-services';
import { fastKdf, suiteTempDir, tempDir, TEST_PASSPHRASE } from './vault';

/** Dispatch options of every handler test: responses are checked against the contract. */
export const IPC_OPTS = { validateResponse: true };

/** The dispatcher's answer (a Result) for one channel call, with the response validated. */
export function callChannel(core: TestServices, channel: Channel, req: unknown): ReturnType<typeof dispatchByName> {
  return dispatchByName(core.table, channel, req, IPC_OPTS);
}

/**
 * The value of a successful call; throws with the error code when the call failed. Typed by the contract unless T is
 * given.
 */
export async function channelValue<T = never, C extends Channel = Channel>(
  core: TestServices,
  channel: C,
  req: unknown,
): Promise<[T] extends [never] ? Res<C> : T> {
  const result = await callChannel(core, channel, req);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as [T] extends [never] ? Res<C> : T;
}

/** A demo vault made in a new folder (per test) or given parent; `dir` is the vault folder. */
export async function newDemoVault(parent = tempDir()): Promise<{ parent: string; dir: string; demo: DemoSummary }> {
  const dir = path.join(parent, 'vault');
  const demo = await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
  return { parent, dir, demo };
}

/** A demo vault that lives for the whole test file (call it in beforeAll). */
export function suiteDemoVault(): Promise<{ parent: string; dir: string; demo: DemoSummary }> {
  return newDemoVault(suiteTempDir());
}

/** Makers of test services; every services object made through them is disposed after its test. */
export interface TestCores {
  /** Services over a locked session. */
  locked(opts?: TestServicesOptions): Promise<TestServices>;
  /** Services with the vault in `dir` unlocked with the test passphrase. */
  unlocked(dir: string): Promise<TestServices>;
  /** A new demo vault, unlocked. */
  unlockedDemo(): Promise<{ core: TestServices; demo: DemoSummary; dir: string; parent: string }>;
  /** A new empty vault made through vault:create (so it stays unlocked). */
  unlockedEmpty(opts?: TestServicesOptions): Promise<{ core: TestServices; dir: string; recoveryCode: string }>;
}

/** Registers the afterEach that disposes the services of each test and returns the makers. */
export function coreForEachTest(): TestCores {
  const made: TestServices[] = [];
  afterEach(async () => {
    for (const core of made.splice(0)) await core.dispose();
  });
  const locked = async (opts: TestServicesOptions = {}): Promise<TestServices> => {
    const core = await testServices(opts);
    made.push(core);
    return core;
  };
  const unlocked = async (dir: string): Promise<TestServices> => {
    const core = await locked();
    await core.services.session.unlock(dir, { passphrase: TEST_PASSPHRASE });
    return core;
  };
  return {
    locked,
    unlocked,
    unlockedDemo: async () => {
      const vault = await newDemoVault();
      return { core: await unlocked(vault.dir), ...vault };
    },
    unlockedEmpty: async (opts) => {
      const core = await locked(opts);
      const dir = path.join(tempDir(), 'vault');
      const created = await channelValue(core, 'vault:create', {
        folder: core.grant(dir, 'folder'),
        memberName: 'Investigator',
        passphrase: TEST_PASSPHRASE,
      });
      return { core, dir, recoveryCode: created.recoveryCode };
    },
  };
}

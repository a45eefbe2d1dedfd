/**
 * What a spec learns of the vault behind a hosted core, from outside it (DESIGN §1, "The core host"): the
 * page's own requests through the contract while it is open, and, once the page has locked it (the host
 * holds vault.lock while unlocked), the built `vigil` command or the core's own code opening the folder here.
 * There is no way into the host other than the page's: nothing here is a channel a window could call.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { methodName, type Channel } from '../../shared/channels';
import { contract, type Req, type Res, type Result } from '../../shared/contract';
import { readOnly, type ReadDb } from '../../main/vault/database';
import { openVault } from '../../main/vault/open';
import type { LaunchedApp } from './harness';

const CLI = path.resolve(__dirname, '..', '..', 'bin', 'vigil.cjs');

/** Asks through the page's window.vigil, as the interface does; the answer is checked against the contract. */
export async function pageRequest<C extends Channel>(page: Page, channel: C, req: Req<C>): Promise<Res<C>> {
  const answer = (await page.evaluate(
    ([method, body]) =>
      (globalThis as unknown as { vigil: Record<string, (r: unknown) => Promise<unknown>> }).vigil[method]!(body),
    [methodName(channel), req] as const,
  )) as Result<unknown>;
  if (!answer.ok) throw new Error(`${channel} was refused: ${answer.error.code} ${answer.error.message}`);
  return contract[channel].res.parse(answer.value) as Res<C>;
}

/** Locks the vault with the page's own request, as the menu does; the window is back at its unlock form. */
export async function lockFromPage(app: LaunchedApp): Promise<void> {
  await pageRequest(app.page, 'vault:lock', {});
  await expect(app.page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
  expect(await pageRequest(app.page, 'vault:state', {})).toMatchObject({ unlocked: false });
}

/** Runs the built `vigil` command over a vault folder the app has locked; fails the test when it fails. */
export function vigilCli(args: string[], passphrase: string): string {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VIGIL_PASSPHRASE: passphrase },
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** The custody log of a locked vault as `vigil log --json` prints it, oldest first. */
export function custodyLog(
  dir: string,
  passphrase: string,
): { action: string; subject: string | null; hash: string | null; data: Record<string, unknown> }[] {
  return vigilCli(['log', dir, '--json'], passphrase)
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { entry: ReturnType<typeof custodyLog>[number] }).entry);
}

/** The member's public identity as `vigil identity --json` prints it. */
export function identityOf(
  dir: string,
  passphrase: string,
): { ageRecipient: string; minisignPublicKey: string; fingerprints: { minisign: string; age: string } } {
  return JSON.parse(vigilCli(['identity', dir, '--json'], passphrase)) as ReturnType<typeof identityOf>;
}

/**
 * Reads a vault the app has locked, opened here with the core's own code (which refuses while the host still
 * holds vault.lock), through a handle that cannot write; closed again before the app may unlock it.
 */
export async function readLockedVault<T>(dir: string, passphrase: string, read: (db: ReadDb) => T): Promise<T> {
  const vault = await openVault(dir, { passphrase });
  try {
    return read(readOnly(vault.db));
  } finally {
    await vault.close();
  }
}

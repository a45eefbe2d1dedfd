import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { casesGet, casesList, casesProvenance } from '../../../main/api/cases';
import { packagesRecipients, signerFingerprint } from '../../../main/api/packages';
import { recipientFingerprints, settingsMembers, settingsRecipients } from '../../../main/api/settings';
import { vaultStatus } from '../../../main/api/vault';
import { registerCaseCommands } from '../../../main/cli/commands/cases';
import { registerIdentityCommand, registerRecipientCommands } from '../../../main/cli/commands/recipients';
import { registerVaultCommands } from '../../../main/cli/commands/vault';
import { generateX25519Identity } from '../../../main/crypto/age';
import { createDemoVault } from '../../../main/evidence/demo';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { runInProcess } from '../../helpers/cli-in-process';
import { fastKdf, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';

/** Runs `vigil …` in this process and returns what it printed. */
function vigil(...args: string[]): Promise<string> {
  return runInProcess(
    [registerCaseCommands, registerRecipientCommands, registerIdentityCommand, registerVaultCommands],
    args,
  );
}

/** What the channels' functions answer for the same vault, read with the vault opened here. */
async function withOpen<T>(dir: string, fn: (vault: Vault) => T): Promise<T> {
  const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  try {
    return fn(vault);
  } finally {
    await vault.close();
  }
}

/** A value as it crosses JSON (dates, undefined fields), for comparing with what the CLI printed. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

let dir: string;
let caseId: string;

beforeEach(() => {
  vi.stubEnv('VIGIL_PASSPHRASE', TEST_PASSPHRASE);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

// The CLI keeps its own --json shapes (scripts depend on them), but where it answers what a channel answers it
// calls that channel's function in main/api: the two can no longer drift apart.
describe('api/shared with the CLI', () => {
  beforeAll(async () => {
    vi.stubEnv('VIGIL_PASSPHRASE', TEST_PASSPHRASE);
    dir = path.join(suiteTempDir(), 'vault');
    caseId = (await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf())).caseId;
    await vigil('recipients', 'add', dir, '--name', 'UN WGEID', '--key', generateX25519Identity().recipient);
    vi.unstubAllEnvs();
  }, 60_000);

  it('vigil case show --json starts with cases:get, keys in the same order, and ends with cases:provenance', async () => {
    const shown = JSON.parse(await vigil('case', 'show', dir, caseId, '--json')) as Record<string, unknown>;
    const [head, provenance] = await withOpen(dir, (v) => [
      casesGet(v.db, { id: caseId }),
      casesProvenance(v.db, { id: caseId }),
    ]);
    expect(Object.keys(shown)).toEqual([...Object.keys(head), 'people', 'items', 'provenance']);
    const { people: _p, items: _i, provenance: shownProvenance, ...shownHead } = shown;
    expect(shownHead).toEqual(asJson(head));
    expect(shownProvenance).toEqual(asJson(provenance));
  });

  it('vigil case list --json is cases:list', async () => {
    const listed = JSON.parse(await vigil('case', 'list', dir, '--json')) as unknown;
    expect(listed).toEqual(asJson(await withOpen(dir, (v) => casesList(v.db, {}))));
  });

  it('vigil recipients list --json prints the fingerprints settings:recipients and packages:recipients answer', async () => {
    const listed = JSON.parse(await vigil('recipients', 'list', dir, '--json')) as {
      id: string;
      fingerprints: { age: string; minisign: string | null };
    }[];
    const [settings, packages] = await withOpen(dir, (v) => [settingsRecipients(v.db), packagesRecipients(v.db)]);
    expect(listed).toHaveLength(1);
    expect(listed.map((r) => r.fingerprints)).toEqual(settings.map(recipientFingerprints));
    expect(listed.map((r) => r.fingerprints.age)).toEqual(settings.map((r) => r.fingerprint));
    expect(listed.map((r) => r.fingerprints.age)).toEqual(packages.map((r) => r.fingerprint));
  });

  it('vigil identity --json keeps its shape and names the signer fingerprint an export reads out', async () => {
    const shown = JSON.parse(await vigil('identity', dir, '--json')) as { fingerprints: { minisign: string } };
    expect(Object.keys(shown)).toEqual([
      'member',
      'ageRecipient',
      'minisignPublicKey',
      'minisignKeyId',
      'fingerprints',
    ]);
    expect(JSON.stringify(shown)).not.toContain('AGE-SECRET-KEY');
    expect(shown.fingerprints.minisign).toBe(await withOpen(dir, signerFingerprint));
  });

  it('vigil status --json is vault:status and vigil passwd list prints settings:members fingerprints', async () => {
    const status = JSON.parse(await vigil('status', dir, '--json')) as Record<string, unknown>;
    const [view, members] = await withOpen(dir, (v) => [vaultStatus(v), settingsMembers(v.db, v.member.id)]);
    expect(Object.keys(status)).toEqual(Object.keys(view));
    expect(status['member']).toEqual(asJson(view.member));
    const listed = await vigil('passwd', dir, 'list');
    for (const m of members) expect(listed).toContain(`${m.fingerprint}  ${m.name}`);
  });
});

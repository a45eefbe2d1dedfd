import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateX25519Identity } from '../../../../main/crypto/age';
import { encodeMinisignPublicKey, minisignPublicKeyLine } from '../../../../main/crypto/minisign';
import { registerIdentityCommand, registerRecipientCommands } from '../../../../main/cli/commands/recipients';
import { newKey } from '../../crypto/minisign/helpers';
import { newTestVault, TEST_PASSPHRASE, tempDir } from '../../../helpers/vault';
import { runInProcess } from '../../../helpers/cli-in-process';

/** Runs the commands in-process and returns what they printed. */
function run(...args: string[]): Promise<string> {
  return runInProcess([registerRecipientCommands, registerIdentityCommand], args);
}

async function closedVault(): Promise<string> {
  const { dir, vault } = await newTestVault();
  await vault.close();
  return dir;
}

beforeEach(() => {
  vi.stubEnv('VIGIL_PASSPHRASE', TEST_PASSPHRASE);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('cli/commands/recipients', () => {
  it('adds (key line or .pub file), lists and removes recipients', async () => {
    const dir = await closedVault();
    const org = generateX25519Identity();
    const mk = await newKey();
    const pubFile = path.join(tempDir(), 'org.pub');
    fs.writeFileSync(pubFile, encodeMinisignPublicKey(mk.keyId, mk.publicKey));
    const added = await run(
      'recipients',
      'add',
      dir,
      '--name',
      'UN WGEID',
      '--key',
      org.recipient,
      '--minisign',
      pubFile,
      '--notes',
      'confirmed by phone',
    );
    expect(added).toMatch(/Added organisation "UN WGEID"/);
    expect(added).toMatch(/age key fingerprint: +([0-9A-Z]{4} ){5}[0-9A-Z]{4}\n/);
    expect(added).toMatch(/separate channel/);
    await run(
      'recipients',
      'add',
      dir,
      '--name',
      'Lawyer',
      '--kind',
      'person',
      '--key',
      generateX25519Identity().recipient,
    );
    const listed = JSON.parse(await run('recipients', 'list', dir, '--json')) as {
      name: string;
      minisignPublicKey: string | null;
      fingerprints: { age: string };
    }[];
    expect(listed.map((r) => r.name)).toEqual(['Lawyer', 'UN WGEID']);
    expect(listed[1]?.minisignPublicKey).toBe(minisignPublicKeyLine(mk.keyId, mk.publicKey));
    expect(await run('recipients', 'list', dir)).toContain(org.recipient);
    expect(await run('recipients', 'remove', dir, 'lawyer')).toMatch(/Removed "Lawyer"/);
    expect(JSON.parse(await run('recipients', 'list', dir, '--json'))).toHaveLength(1);
  });

  it('refuses an unknown kind and a bad key', async () => {
    const dir = await closedVault();
    await expect(
      run('recipients', 'add', dir, '--name', 'X', '--kind', 'robot', '--key', generateX25519Identity().recipient),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(run('recipients', 'add', dir, '--name', 'X', '--key', 'age1bad')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await run('recipients', 'list', dir)).toMatch(/address book is empty/);
  });
});

describe('cli/commands/identity', () => {
  it('prints the age recipient, the minisign .pub and their fingerprints', async () => {
    const dir = await closedVault();
    const text = await run('identity', dir);
    const json = JSON.parse(await run('identity', dir, '--json')) as {
      ageRecipient: string;
      minisignPublicKey: string;
      minisignKeyId: string;
      fingerprints: { age: string; minisign: string };
    };
    expect(text).toContain(json.ageRecipient);
    expect(text).toContain(json.minisignPublicKey.trimEnd());
    expect(text).toContain(`fingerprint: ${json.fingerprints.age}`);
    expect(text).toContain(`fingerprint: ${json.fingerprints.minisign}`);
    expect(text).toMatch(/separate channel/);
    expect(JSON.stringify(json)).not.toMatch(/AGE-SECRET-KEY/);
  });
});

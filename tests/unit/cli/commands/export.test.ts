import { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ageDecrypt, generateX25519Identity, parseIdentity } from '../../../../main/crypto/age';
import { registerExportCommand } from '../../../../main/cli/commands/export';
import { registerRecipientCommands } from '../../../../main/cli/commands/recipients';
import { iterateStoredEntries } from '../../../../main/custody/log-store';
import { createDemoVault } from '../../../../main/evidence/demo';
import { createVault } from '../../../../main/vault/create';
import { openVault } from '../../../../main/vault/open';
import { fastKdf, tempDir, TEST_PASSPHRASE } from '../../../helpers/vault';
import { addNamesCase, MARK } from '../../../integration/packages/names-fixture';
import { runInProcess } from '../../../helpers/cli-in-process';

function run(...args: string[]): Promise<string> {
  return runInProcess([registerExportCommand, registerRecipientCommands], args);
}

beforeEach(() => {
  vi.stubEnv('VIGIL_PASSPHRASE', TEST_PASSPHRASE);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('cli/commands/export', () => {
  it(
    'exports to an address-book name, prints path, hash, ' + 'receipt and fingerprint, and records the export',
    async () => {
      const dir = path.join(tempDir(), 'vault');
      await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
      const org = generateX25519Identity();
      await run('recipients', 'add', dir, '--name', 'UN WGEID', '--key', org.recipient);
      const output = path.join(tempDir(), 'demo.tar.age');
      const printed = await run('export', dir, '--case', 'DEMO-2025-001', '--to', 'UN WGEID', '-o', output);
      const sha = /SHA-256:\s+([0-9a-f]{64})/.exec(printed)?.[1];
      expect(printed).toContain(`Package:  ${output}`);
      expect(printed).toMatch(/fingerprint: [0-9A-Z]{4}( [0-9A-Z]{4}){5}/);
      expect(fs.existsSync(output.replace('.tar.age', '.receipt.txt.minisig'))).toBe(true);
      const id = parseIdentity(org.identity);
      const tar = await ageDecrypt(fs.readFileSync(output), [id]);
      expect(tar.toString('latin1')).toContain('Bag-Software-Agent: Vigil 9.9.9');
      const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
      try {
        const last = [...iterateStoredEntries(vault.db)]
          .map((e) => JSON.parse(e.canonical) as { action: string; hash: string })
          .at(-1);
        expect(last).toMatchObject({ action: 'package.exported', hash: sha });
      } finally {
        await vault.close();
      }
    },
    30_000,
  );

  it('takes the package passphrase from VIGIL_PACKAGE_PASSPHRASE and refuses a missing or double seal', async () => {
    const dir = path.join(tempDir(), 'vault');
    await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
    const output = path.join(tempDir(), 'p.tar.age');
    await expect(run('export', dir, '--case', 'DEMO-2025-001', '-o', output)).rejects.toThrow(/--to/);
    await expect(
      run('export', dir, '--case', 'DEMO-2025-001', '--to', 'x', '--passphrase', '-o', output),
    ).rejects.toThrow(/not both/);
    vi.stubEnv('VIGIL_PACKAGE_PASSPHRASE', 'package words here');
    await run('export', dir, '--case', 'DEMO-2025-001', '--passphrase', '--profile', 'full', '-o', output);
    const tar = await ageDecrypt(fs.readFileSync(output), [
      { kind: 'scrypt', passphrase: Buffer.from('package words here') },
    ]);
    expect(tar.toString('latin1')).toContain('Vigil-Profile: full');
    expect(fs.existsSync(output)).toBe(true);
  }, 30_000);

  it(
    'refuses originals that name protected people, listing them by code (also as JSON), and exports them with ' +
      '--confirm-names',
    async () => {
      const dir = path.join(tempDir(), 'vault');
      const { vault } = await createVault(dir, {
        memberName: 'Investigator',
        passphrase: TEST_PASSPHRASE,
        kdf: await fastKdf(),
      });
      const names = await addNamesCase(vault, tempDir()).finally(() => vault.close());
      const org = generateX25519Identity();
      const output = path.join(tempDir(), 'p.tar.age');
      const args = ['export', dir, '--case', names.caseId, '--to', org.recipient, '-o', output];
      await expect(run(...args)).rejects.toThrow(
        new RegExp(
          `item 001 "Penitentiary reply" \\(${names.reply}\\): ${names.code} ×3 in text[\\s\\S]*--confirm-names`,
        ),
      );
      const printed: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => Boolean(printed.push(String(chunk))));
      const program = new Command('vigil').exitOverride();
      registerExportCommand(program);
      await expect(program.parseAsync([...args, '--json'], { from: 'user' }))
        .rejects.toThrow(/Not exported/)
        .finally(() => spy.mockRestore());
      expect(JSON.parse(printed.join(''))).toMatchObject({
        exported: false,
        reason: 'protected-names',
        nameHits: [
          { itemId: names.reply, code: names.code, count: 3 },
          { itemId: names.letter, code: names.code, count: 1 },
        ],
      });
      expect(fs.existsSync(output)).toBe(false);
      const done = await run(...args, '--confirm-names');
      expect(done).toContain(`item 002 "Letter from the colony" (${names.letter}): ${names.code} ×1 in file name`);
      const json = JSON.parse(
        await run(
          ...args.map((a) => (a === output ? path.join(tempDir(), 'q.tar.age') : a)),
          '--confirm-names',
          '--json',
        ),
      ) as { nameHits: unknown[] };
      expect(json.nameHits).toHaveLength(2);
      for (const name of [MARK.detainee, MARK.alias]) expect(done + printed.join('')).not.toContain(name);
    },
    30_000,
  );
});

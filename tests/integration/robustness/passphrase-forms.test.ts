/**
 * Passphrases at the edges: a very long one, and the same one typed in another
 * Unicode normal form. The rule is one for the command line and the window: up to
 * MAX_PASSPHRASE_CHARS, compared after NFC normalisation.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PASSPHRASE_CHARS } from '../../../shared/domain';
import { callChannel, coreForEachTest } from '../../helpers/ipc';
import { runCli, tempDir } from '../../helpers/vault';

const cores = coreForEachTest();

const NFC = 'Тиха ніч над колонією й зорі — café'.normalize('NFC');
const NFD = NFC.normalize('NFD');

describe('robustness/passphrase forms', () => {
  it('a 10 KB passphrase made on the command line unlocks there and in the window', async () => {
    const long = `${'a long remembered sentence, '.repeat(400)}end`.slice(0, 10_240);
    expect(long.length).toBe(10_240);
    const dir = path.join(tempDir(), 'vault');
    const made = runCli(['init', dir, '--name', 'Long Passphrase'], { VIGIL_PASSPHRASE: long });
    expect(made.status, made.stderr).toBe(0);
    expect(runCli(['status', dir], { VIGIL_PASSPHRASE: long }).status).toBe(0);
    const core = await cores.locked();
    expect(
      await callChannel(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), passphrase: long }),
    ).toMatchObject({ ok: true });
  });

  it('the same passphrase in NFC and NFD unlocks on both faces, whichever form made the vault', async () => {
    for (const [made, typed] of [
      [NFC, NFD],
      [NFD, NFC],
    ] as const) {
      expect(made).not.toBe(typed);
      const dir = path.join(tempDir(), 'vault');
      expect(runCli(['init', dir, '--name', 'Normal Forms'], { VIGIL_PASSPHRASE: made }).status).toBe(0);
      expect(runCli(['status', dir], { VIGIL_PASSPHRASE: typed }).status).toBe(0);
      const core = await cores.locked();
      expect(
        await callChannel(core, 'vault:unlock', { folder: core.grant(dir, 'folder'), passphrase: typed }),
      ).toMatchObject({ ok: true });
      await core.dispose();
    }
  });

  it('a passphrase over the limit is refused with the rule named, before any vault is made', async () => {
    const tooLong = 'x'.repeat(MAX_PASSPHRASE_CHARS + 1);
    const dir = path.join(tempDir(), 'vault');
    const r = runCli(['init', dir, '--name', 'Too Long'], { VIGIL_PASSPHRASE: tooLong });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`longer than ${MAX_PASSPHRASE_CHARS} characters`));
    expect(existsSync(path.join(dir, 'vault.json'))).toBe(false);
    const core = await cores.locked();
    expect(
      await callChannel(core, 'vault:create', {
        folder: core.grant(dir, 'folder'),
        memberName: 'X',
        passphrase: tooLong,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

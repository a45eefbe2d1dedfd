import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../helpers/vault';

/** Lints `code` as if it were the file at `file` (relative to the project), with the project's own config. */
async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// The layering rules of CONVENTIONS.md are enforced by lint: these cases must stay errors.
describe('lint/layering rules', () => {
  it.each([
    ['main/vault/vault.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main/custody/entry.ts', "import { handle } from '../ipc/handle';\nexport const h = handle;\n"],
    ['renderer/app/App.tsx', "import { Vault } from '../../main/vault/vault';\nexport type V = Vault;\n"],
    ['renderer/app/App.tsx', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['shared/contract.ts', "import { openVault } from '../main/vault/open';\nexport const o = openVault;\n"],
    ['shared/contract.ts', "import os from 'node:os';\nexport const o = os;\n"],
  ])('refuses the import in %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-imports');
  });

  it('allows electron in main/app', async () => {
    expect(await ruleIdsFor('main/app/window.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toContain('no-restricted-imports');
  });

  it('refuses console in the core but not in the CLI', async () => {
    expect(await ruleIdsFor('main/vault/vault.ts', "console.log('x');\n")).toContain('no-console');
    expect(await ruleIdsFor('main/cli/index.ts', "console.log('x');\n")).not.toContain('no-console');
  });
});

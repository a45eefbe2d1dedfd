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

  it('refuses electron/main and other electron subpaths in the core', async () => {
    expect(
      await ruleIdsFor('main/vault/vault.ts', "import { app } from 'electron/main';\nexport const a = app;\n"),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIdsFor('main/evidence/items.ts', "import { shell } from 'electron/common';\nexport const s = shell;\n"),
    ).toContain('no-restricted-imports');
  });

  it('refuses a labelled Loader with no role in the renderer, and allows one with role="status"', async () => {
    const loader = (attrs: string): string =>
      `import { Loader } from '@mantine/core';\nexport const L = (): unknown => <Loader ${attrs} />;\n`;
    expect(await ruleIdsFor('renderer/components/QueryStatus.tsx', loader('aria-label="Loading"'))).toContain(
      'no-restricted-syntax',
    );
    expect(
      await ruleIdsFor('renderer/components/QueryStatus.tsx', loader('role="status" aria-label="Loading"')),
    ).not.toContain('no-restricted-syntax');
  });

  it('allows electron in main/app', async () => {
    expect(
      await ruleIdsFor('main/app/window.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).not.toContain('no-restricted-imports');
  });

  it('refuses console in the core but not in the CLI', async () => {
    expect(await ruleIdsFor('main/vault/vault.ts', "console.log('x');\n")).toContain('no-console');
    expect(await ruleIdsFor('main/cli/index.ts', "console.log('x');\n")).not.toContain('no-console');
  });
});

// The layer order of main/ (docs/DESIGN.md §1): each import against it is refused, one case per step.
describe('lint/layer order of main/', () => {
  const against = (to: string): string => `import * as m from '${to}';\nexport const x = m;\n`;
  it.each([
    ['main/fs/atomic.ts', '../crypto/sodium'], // fs and crypto are independent
    ['main/crypto/sodium.ts', '../fs/atomic'],
    ['main/ingest/extract.ts', '../vault/database'],
    ['main/settings/settings-store.ts', '../ingest/media-type'],
    ['main/vault/database.ts', '../custody/log-store'], // db below custody
    ['main/vault/migrations/registry.ts', '../vault'],
    ['main/custody/log-store.ts', '../vault/vault'], // custody below vault (but above db)
    ['main/custody/entry.ts', '../blobs/blob-store'],
    ['main/blobs/blob-store.ts', '../vault/vault'],
    ['main/vault/vault.ts', '../evidence/items'],
    ['main/evidence/items.ts', '../packages/recipients'],
    ['main/packages/recipients.ts', '../checks/verify-vault'],
    ['main/packages/export/export.ts', '../../report/labels'],
    ['main/checks/verify-vault.ts', '../report/labels'], // same rank, independent
    ['main/report/labels.ts', '../session/tasks'],
    ['main/session/tasks.ts', '../media/range'],
    ['main/media/range.ts', '../api/settings'],
    ['main/api/settings.ts', '../ipc/handle'],
    ['main/ipc/handle.ts', '../cli/output'],
    ['main/cli/output.ts', '../ipc/handle'],
    ['main/ipc/handle.ts', '../app/window'],
    ['main/cli/output.ts', '../app/window'],
    ['main/preload/api.ts', '../vault/vault'],
  ])('refuses %s importing %s', async (file, target) => {
    expect(await ruleIdsFor(file, against(target))).toContain('boundaries/dependencies');
  });

  it.each([
    ['main/vault/migrations/registry.ts', '../database'],
    ['main/custody/log-store.ts', '../vault/database'],
    ['main/vault/vault.ts', '../custody/log-store'],
    ['main/checks/verify-vault.ts', '../evidence/verify-records'],
    ['main/app/index.ts', '../cli/index'],
    ['main/preload/api.ts', '../../shared/channels'],
  ])('allows %s importing %s', async (file, target) => {
    expect(await ruleIdsFor(file, against(target))).not.toContain('boundaries/dependencies');
  });
});

// main/ipc/<area>.ipc.ts only maps channels to main/api (docs/DESIGN.md §1): a handler that
// builds its answer from the core is refused, a type from the core is not.
describe('lint/handlers map to main/api', () => {
  const rule = '@typescript-eslint/no-restricted-imports';

  it.each([
    ['main/ipc/cases.ipc.ts', "import { caseCounts } from '../evidence/cases';\nexport const c = caseCounts;\n"],
    [
      'main/ipc/packages.ipc.ts',
      "import { keyFingerprint } from '../vault/identity';\nexport const k = keyFingerprint;\n",
    ],
    [
      'main/ipc/settings.ipc.ts',
      "import { listRecipients } from '../packages/recipients';\nexport const l = listRecipients;\n",
    ],
  ])('refuses %s importing the core', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain(rule);
  });

  it.each([
    ['main/ipc/cases.ipc.ts', "import { casesGet } from '../api/cases';\nexport const c = casesGet;\n"],
    [
      'main/ipc/app.ipc.ts',
      "import type { GrantedPath } from '../session/path-grants';\nexport type G = GrantedPath;\n",
    ],
    ['main/ipc/cases.ipc.ts', "import type { Res } from '../../shared/contract';\nexport type R = Res<'cases:get'>;\n"],
    // The transport's own files (dispatch, handle, register) are not area handlers.
    [
      'main/ipc/dispatch.ts',
      "import { isWellFormedText } from '../crypto/canonical-json';\nexport const w = isWellFormedText;\n",
    ],
  ])('allows %s its import', async (file, code) => {
    expect(await ruleIdsFor(file, code)).not.toContain(rule);
  });
});

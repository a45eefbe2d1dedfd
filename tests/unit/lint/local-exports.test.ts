import { describe, expect, it } from 'vitest';
import { exportsUsedOnlyLocally } from '../../helpers/export-usage';
import { PROJECT_ROOT } from '../../helpers/vault';

// Everything that imports project files: the code, its tests, the build scripts and configs.
const IMPORTERS = [
  'main',
  'shared',
  'renderer',
  'tests',
  'build',
  'electron.vite.config.ts',
  'vitest.config.mts',
  'playwright.config.ts',
];

// Exports read by something other than an import: the bundler's stand-ins for Node modules in the
// verifier page (aliased by name), and the two functions its entry names in a string.
const NOT_BY_IMPORT = [
  /^main\/packages\/verify-page\/browser\//,
  /^main\/packages\/verify-page\/page-core\.ts:verifyWithPageKey$/,
  /^renderer\/verifier-page\/verifier-page\.ts:mountVerifierPage$/,
];

// An export says "other files use this": one that only its own file uses (or nobody) misleads
// the reader about what a change can break.
describe('exports', () => {
  it('of main/, shared/ and renderer/ are each imported by another file', () => {
    const local = exportsUsedOnlyLocally(PROJECT_ROOT, ['main', 'shared', 'renderer'], IMPORTERS)
      .map((e) => `${e.file}:${e.name}`)
      .filter((e) => !NOT_BY_IMPORT.some((re) => re.test(e)));
    expect(local).toEqual([]);
  });

  it('are found when only their own file uses them', () => {
    const local = exportsUsedOnlyLocally(
      PROJECT_ROOT,
      ['tests/fixtures/local-exports'],
      ['tests/fixtures/local-exports'],
    );
    expect(local.map((e) => [e.name, e.usedInFile]).sort()).toEqual([
      ['ONLY_HERE', true],
      ['unused', false],
    ]);
  });
});

// Lint rules, including the layering rules of the project (see ../shared/CONVENTIONS.md):
// boundaries are enforced here, not by good intentions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'stream', 'stream/*', 'util', 'net', 'http', 'https', 'url', 'worker_threads', 'events', 'buffer', 'zlib', 'readline'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'tests/e2e/artifacts/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The renderer reaches the core only through window.vigil: no main/, no Node, no electron.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [
          { group: ['**/main/**', '**/main'], message: 'renderer/ may import only shared/ and its own files.' },
          { group: nodeBuiltins, message: 'renderer/ has no Node APIs; go through window.vigil.' },
        ],
      }],
    },
  },
  {
    // shared/ is pure TypeScript: itself and zod only.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [
          { group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer'], message: 'shared/ imports nothing from main/ or renderer/.' },
          { group: nodeBuiltins, message: 'shared/ imports nothing from Node.' },
        ],
      }],
    },
  },
  {
    // The core never sees electron, the app shell or the IPC layer.
    files: ['main/**'],
    ignores: ['main/app/**', 'main/ipc/**', 'main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/app, main/ipc and main/preload import electron.' }],
        patterns: [
          { group: ['**/app/**', '**/ipc/**', '**/preload/**'], message: 'The core does not depend on the app shell or IPC layer.' },
          { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' },
        ],
      }],
    },
  },
  {
    // The command line talks to people on stdout/stderr.
    files: ['main/cli/**', 'tests/**', 'build/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

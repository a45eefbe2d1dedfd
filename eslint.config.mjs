// Lint rules, including the layering rules of the project (docs/DESIGN.md §1, "Process and
// layering"): boundaries are enforced here, not by good intentions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

// The layers of main/, lowest first (docs/DESIGN.md §1). A folder may import its own files, the
// layers below it and shared/; nothing at its own rank or above. Folders of one rank are
// independent of each other. `db` is the database handle and its migrations, which live in
// vault/ but sit below everything that stores rows.
const LAYERS = [
  { rank: 0, type: 'fs', pattern: 'main/fs' },
  { rank: 0, type: 'crypto', pattern: 'main/crypto' },
  { rank: 1, type: 'ingest', pattern: 'main/ingest' },
  { rank: 1, type: 'settings', pattern: 'main/settings' },
  { rank: 1, type: 'diagnostics', pattern: 'main/diagnostics' },
  { rank: 2, type: 'db', pattern: ['main/vault/database.ts', 'main/vault/migrations/**'] },
  { rank: 2, type: 'workers', pattern: 'main/workers' },
  { rank: 3, type: 'custody', pattern: 'main/custody' },
  { rank: 4, type: 'blobs', pattern: 'main/blobs' },
  { rank: 5, type: 'vault', pattern: 'main/vault' },
  { rank: 6, type: 'evidence', pattern: 'main/evidence' },
  { rank: 7, type: 'packages', pattern: 'main/packages' },
  { rank: 8, type: 'checks', pattern: 'main/checks' },
  { rank: 8, type: 'report', pattern: 'main/report' },
  { rank: 9, type: 'session', pattern: 'main/session' },
  { rank: 9, type: 'media', pattern: 'main/media' },
  { rank: 10, type: 'api', pattern: 'main/api' },
  { rank: 11, type: 'ipc', pattern: 'main/ipc' },
  { rank: 11, type: 'cli', pattern: 'main/cli' },
  // The core host: runs the handler table in a process of its own, over the same protocol under Node or Electron.
  { rank: 12, type: 'host', pattern: 'main/host' },
  { rank: 13, type: 'app', pattern: 'main/app' },
];
const layerElements = [
  ...LAYERS.map(({ type, pattern }) =>
    // db is two files' worth of a folder, so it is matched file by file (the plugin's older
    // "full" mode); should that mode go, database.ts falls into vault and custody's imports of
    // it fail lint loudly, not silently.
    type === 'db' ? { type, pattern, mode: 'full' } : { type, pattern, partialMatch: false },
  ),
  // The preload script runs in the window's process: it may import shared/ and itself only.
  { type: 'preload', pattern: 'main/preload', partialMatch: false },
  { type: 'shared', pattern: 'shared', partialMatch: false },
];
const layerPolicies = [
  ...LAYERS.map(({ rank, type }) => ({
    from: { element: { type } },
    allow: {
      to: {
        element: { types: { anyOf: [type, 'shared', ...LAYERS.filter((l) => l.rank < rank).map((l) => l.type)] } },
      },
    },
  })),
  { from: { element: { type: 'preload' } }, allow: { to: { element: { types: { anyOf: ['preload', 'shared'] } } } } },
];

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'stream',
  'stream/*',
  'util',
  'net',
  'http',
  'https',
  'url',
  'worker_threads',
  'events',
  'buffer',
  'zlib',
  'readline',
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'tests/e2e/artifacts/', 'bin/'],
  },
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
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            { group: ['**/main/**', '**/main'], message: 'renderer/ may import only shared/ and its own files.' },
            { group: nodeBuiltins, message: 'renderer/ has no Node APIs; go through window.vigil.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Mantine's Loader is a span with no role, on which an aria-label is not allowed (axe: aria-prohibited-attr).
          selector:
            "JSXOpeningElement[name.name='Loader']:has(JSXAttribute[name.name='aria-label']):not(:has(JSXAttribute[name.name='role']))",
          message: 'Give a labelled Loader role="status": an aria-label is not allowed on an element with no role.',
        },
      ],
    },
  },
  {
    // shared/ is pure TypeScript: itself and zod only.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer'],
              message: 'shared/ imports nothing from main/ or renderer/.',
            },
            { group: nodeBuiltins, message: 'shared/ imports nothing from Node.' },
          ],
        },
      ],
    },
  },
  {
    // The core host runs under plain Node as well as in a utilityProcess: no electron, no app shell. Its two
    // Electron adapters live in main/app/core-host.ts.
    files: ['main/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'main/host runs under plain Node too: no electron.' },
            { group: ['**/app/**', '**/preload/**'], message: 'main/host does not depend on the app shell.' },
            { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' },
          ],
        },
      ],
    },
  },
  {
    // The core never sees electron (nor electron/main, electron/common…), the app shell or the IPC layer.
    files: ['main/**'],
    ignores: ['main/app/**', 'main/ipc/**', 'main/preload/**', 'main/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'Only main/app, main/ipc and main/preload import electron.' },
            {
              group: ['**/app/**', '**/ipc/**', '**/preload/**'],
              message: 'The core does not depend on the app shell or IPC layer.',
            },
            { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' },
          ],
        },
      ],
    },
  },
  {
    // The layer order of main/ as an allow-list: an import not allowed by LAYERS is an error.
    files: ['main/**'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layerElements,
      'boundaries/include': ['main/**', 'shared/**', 'renderer/**'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
      // The one file-level element (db) uses a deprecated mode on purpose; see layerElements.
      'boundaries/legacy-warnings': false,
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies }],
      // A file of main/ that belongs to no layer is a layer nobody placed: refuse it.
      'boundaries/no-unknown-files': 'error',
      // …and so is an import of a project file outside every layer (tests, build scripts).
      'boundaries/no-unknown-dependencies': 'error',
    },
  },
  {
    // An area's handlers only map channels to main/api (docs/DESIGN.md §1): the DTOs are built
    // there, once, for the window and the CLI alike. Types may still come from anywhere.
    files: ['main/ipc/*.ipc.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!../api', '!../api/*', '!../../shared', '!../../shared/**'],
              allowTypeImports: true,
              message: 'A channel is answered by its function in main/api/<area>.ts; the handler only maps to it.',
            },
          ],
        },
      ],
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

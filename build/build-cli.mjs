// Bundles the `vigil` command into out/cli/vigil.cjs. Dependencies stay in
// node_modules (better-sqlite3-multiple-ciphers is a native addon).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['main/cli/main.ts'],
  outfile: 'out/cli/vigil.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  define: { VIGIL_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});

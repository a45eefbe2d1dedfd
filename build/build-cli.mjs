// Bundles the `vigil` command into out/cli/vigil.cjs. Dependencies stay in
// node_modules (better-sqlite3-multiple-ciphers is a native addon).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['main/cli/main.ts'],
  outfile: 'out/cli/vigil.cjs',
  define: { VIGIL_VERSION: JSON.stringify(pkg.version) },
});

// The text-extraction worker runs in a thread of its own and needs its own file,
// beside vigil.cjs (see main/ingest/worker-path.ts). pdfjs-dist, mammoth and exifr
// stay external like every dependency.
await build({
  ...common,
  entryPoints: ['main/ingest/extract-worker.ts'],
  outfile: 'out/cli/extract-worker.cjs',
});

// The crypto worker (SHA-512 and age sealing on a second core during export and
// verify) likewise needs its own file beside vigil.cjs (see main/workers/worker-client.ts).
await build({
  ...common,
  entryPoints: ['main/workers/crypto-worker.ts'],
  outfile: 'out/cli/crypto-worker.cjs',
});

// The redaction worker (MuPDF in a thread of its own, with a time limit; see
// main/evidence/redact/redact-isolated.ts) likewise sits beside vigil.cjs.
await build({
  ...common,
  entryPoints: ['main/evidence/redact/redact-worker.ts'],
  outfile: 'out/cli/redact-worker.cjs',
});

// The offline verifier page that export writes beside every package; out/verifier/ sits beside
// out/cli/ and out/main/, where main/packages/export/verifier-page.ts finds it.
await import('./build-verifier-page.mjs');

// Builds the offline verifier page, out/verifier/verify.html: one self-contained file that
// export writes beside every package (DESIGN §6). The verifying core (main/) runs in it with
// browser stand-ins for the few Node modules it names (main/packages/verify-page/browser/);
// the interface is renderer/verifier-page/. Script and style are inlined and allowed by their
// SHA-256 in a strict Content-Security-Policy: the page can load and send nothing.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const browser = path.join(root, 'main/packages/verify-page/browser');
const stub = path.join(browser, 'node-stub.ts');
const page = path.join(root, 'renderer/verifier-page');

/** Node modules the core imports → what stands in for them in the page. */
const standIns = {
  'node:crypto': path.join(browser, 'node-crypto.ts'),
  'libsodium-wrappers-sumo': path.join(browser, 'sodium.ts'),
  'node:path': path.join(browser, 'node-path.ts'),
  'node:fs': stub,
  'node:fs/promises': stub,
  'node:stream': stub,
  'node:worker_threads': stub,
  'node:module': stub,
  'node:os': stub,
};

const entry = `
import { verifyWithPageKey } from './main/packages/verify-page/page-core';
import { mountVerifierPage } from './renderer/verifier-page/verifier-page';
mountVerifierPage({ verify: verifyWithPageKey });
`;

const result = await build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'verifier-page-entry.ts' },
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  write: false,
  alias: standIns,
  inject: [path.join(browser, 'buffer.ts')],
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  logLevel: 'warning',
  // zod compiles object checks with new Function unless told not to, and decides when each
  // schema is made (at load); a strict CSP refuses that and reports even the probe. Its global
  // configuration is therefore set before any module runs.
  banner: { js: 'globalThis.__zod_globalConfig = { jitless: true };' },
});

// Inlined text must not close its element early.
const script = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
const style = readFileSync(path.join(page, 'verify.css'), 'utf8');
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)}`,
  `style-src ${sha(style)}`,
  "img-src 'none'",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');
const html = readFileSync(path.join(page, 'verify.html'), 'utf8')
  .replace('__CSP__', csp)
  .replace('__STYLE__', () => style)
  .replace('__SCRIPT__', () => script);
mkdirSync(path.join(root, 'out/verifier'), { recursive: true });
writeFileSync(path.join(root, 'out/verifier/verify.html'), html);

/**
 * npm's `prepare` step (run by every `npm install` / `npm ci` in this folder): builds the
 * `vigil` command with build/build-cli.mjs. A command-line-only install
 * (`npm ci --omit=dev`) has no esbuild to build with: there the command must already be
 * built (out/cli, as in a source archive made after `npm run build`), and the install
 * goes on either way, saying what to do when it is not, rather than failing as a whole.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const built = fileURLToPath(new URL('../out/cli/vigil.cjs', import.meta.url));

/** Whether the build tools (dev dependencies) are installed. */
function haveBuildTools() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (haveBuildTools()) {
  await import('./build-cli.mjs');
} else if (existsSync(built)) {
  console.log(
    'prepare: using the command already built in out/cli (no build tools: installed without dev dependencies).',
  );
} else {
  console.warn(
    'prepare: the vigil command is not built and cannot be here: this install has no dev dependencies (esbuild).',
  );
  console.warn(
    'prepare: run "npm install" with them, or install from a source archive that includes out/ (npm run build first).',
  );
}

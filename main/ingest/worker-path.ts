/**
 * Where the extraction worker's code is. A worker thread needs a file of its
 * own, and that file sits in a different place in each of the three ways this
 * code runs, always beside the module that spawns it:
 *  - the bundled CLI (out/cli/vigil.cjs): out/cli/extract-worker.cjs, built by build/build-cli.mjs;
 *  - the Electron main bundle (out/main/index.js): out/main/extract-worker.js, a second input in electron.vite.config.ts;
 *  - the TypeScript sources (vitest, tsx): main/ingest/extract-worker.ts, loaded through tsx's require hook.
 * Node 20 does not apply `--import tsx` loader hooks inside worker threads, so
 * the source case bootstraps tsx's CommonJS register() in a small eval script.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { WorkerOptions } from 'node:worker_threads';
import { VigilError } from '../../shared/errors';

/** How to start the extraction worker: the file (or bootstrap script) and the options that go with it. */
export interface WorkerEntry {
  filename: string;
  options: Pick<WorkerOptions, 'eval'>;
}

/** The extraction worker's entry for the way this code is running (bundled CLI, Electron bundle, or TypeScript sources). */
export function resolveExtractWorker(dir: string = __dirname): WorkerEntry {
  for (const built of ['extract-worker.cjs', 'extract-worker.js']) {
    const file = path.join(dir, built);
    if (existsSync(file)) return { filename: file, options: {} };
  }
  const source = path.join(dir, 'extract-worker.ts');
  if (!existsSync(source)) {
    throw new VigilError('INTERNAL', `The text-extraction worker is missing (looked for extract-worker.cjs, .js and .ts in ${dir}); rebuild the application.`);
  }
  const tsxApi = createRequire(source).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(source)});`;
  return { filename: bootstrap, options: { eval: true } };
}

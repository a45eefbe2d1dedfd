/**
 * Where the code of a worker thread or a child process is. Each needs a file of
 * its own, and that file sits in a different place in each of the three ways
 * this code runs, always beside the module that starts it:
 *  - the bundled CLI (out/cli/vigil.cjs): out/cli/<name>.cjs, built by build/build-cli.mjs;
 *  - the Electron main bundle (out/main/index.js): out/main/<name>.js, an input in electron.vite.config.ts;
 *  - the TypeScript sources (vitest, tsx): <source dir>/<name>.ts, loaded through tsx.
 * Node 20 does not apply `--import tsx` loader hooks inside worker threads, so
 * the source case of a thread bootstraps tsx's CommonJS register() in a small
 * eval script; a child process gets tsx's loader with --import.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { VigilError } from '../../shared/errors';

/** How to start a worker: the file (or bootstrap script) and the options that go with it. */
interface WorkerEntry {
  filename: string;
  options: Pick<WorkerOptions, 'eval'>;
}

/**
 * The entry of the worker `name` for the way this code is running: `<name>.cjs` or `.js` in
 * `dir` (a bundle), else `<name>.ts` (the sources); null when none is there.
 */
export function findWorkerEntry(name: string, dir: string): WorkerEntry | null {
  for (const built of [`${name}.cjs`, `${name}.js`]) {
    const file = path.join(dir, built);
    if (existsSync(file)) return { filename: file, options: {} };
  }
  const source = path.join(dir, `${name}.ts`);
  if (!existsSync(source)) return null;
  const tsxApi = createRequire(source).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(source)});`;
  return { filename: bootstrap, options: { eval: true } };
}

/**
 * How to start a child process: the script, and the Node options and environment it needs to load (tsx for the
 * sources).
 */
export interface ChildEntry {
  script: string;
  execArgv: string[];
  env?: Record<string, string>;
}

/**
 * The child-process entry `name` for the way this code is running: `<name>.cjs` or `.js` in
 * `dir` (a bundle), else `<name>.ts` (the sources) run with tsx's loader; null when none is there.
 */
export function findChildEntry(name: string, dir: string): ChildEntry | null {
  for (const built of [`${name}.cjs`, `${name}.js`]) {
    const file = path.join(dir, built);
    if (existsSync(file)) return { script: file, execArgv: [] };
  }
  const source = path.join(dir, `${name}.ts`);
  if (!existsSync(source)) return null;
  const loader = createRequire(source).resolve('tsx');
  // tsx's transform cache would write to the temp folder, which a parser process must not do.
  return { script: source, execArgv: ['--import', pathToFileURL(loader).href], env: { TSX_DISABLE_CACHE: '1' } };
}

/**
 * The extraction process's entry for the way this code is running (bundled CLI, Electron bundle, or TypeScript
 * sources).
 */
export function resolveExtractWorker(dir: string = __dirname): ChildEntry {
  const entry = findChildEntry('extract-worker', dir);
  if (entry === null) {
    throw new VigilError(
      'INTERNAL',
      `The text-extraction program is missing (looked for extract-worker.cjs, .js and .ts in ${dir}); rebuild ` +
        `the application.`,
    );
  }
  return entry;
}

/**
 * npm's prepare step must not break a command-line-only install (`npm ci --omit=dev`),
 * where the build tools (esbuild) are not installed: it uses the built command, or says
 * how to get one, and lets the install finish. Run from a copy outside the project, so
 * that esbuild cannot be found, as in such an install.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../helpers/vault';

describe('build/prepare.mjs without dev dependencies', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-prepare-'));
    mkdirSync(path.join(dir, 'build'));
    copyFileSync(path.join(PROJECT_ROOT, 'build', 'prepare.mjs'), path.join(dir, 'build', 'prepare.mjs'));
    // build-cli.mjs would import esbuild and fail: prepare must not get that far.
    writeFileSync(path.join(dir, 'build', 'build-cli.mjs'), "throw new Error('build-cli.mjs ran');\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const prepare = () =>
    spawnSync(process.execPath, [path.join(dir, 'build', 'prepare.mjs')], { cwd: dir, encoding: 'utf8' });

  it('uses the command already built in out/cli and succeeds', () => {
    mkdirSync(path.join(dir, 'out', 'cli'), { recursive: true });
    writeFileSync(path.join(dir, 'out', 'cli', 'vigil.cjs'), '');
    const run = prepare();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('using the command already built in out/cli');
  });

  it('without a built command says how to get one, and still lets the install finish', () => {
    const run = prepare();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/not built and cannot be here: this install has no dev dependencies/);
  });
});

describe('build/prepare.mjs with dev dependencies', () => {
  // In a copy too: building in the project itself would rewrite out/cli while other test files run from it.
  it('builds the command (build/build-cli.mjs)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-prepare-'));
    try {
      mkdirSync(path.join(dir, 'build'));
      copyFileSync(path.join(PROJECT_ROOT, 'build', 'prepare.mjs'), path.join(dir, 'build', 'prepare.mjs'));
      writeFileSync(path.join(dir, 'build', 'build-cli.mjs'), "console.log('build-cli.mjs ran');\n");
      // The build tools, as a development install has them (only their presence is asked).
      mkdirSync(path.join(dir, 'node_modules', 'esbuild'), { recursive: true });
      writeFileSync(
        path.join(dir, 'node_modules', 'esbuild', 'package.json'),
        '{"name":"esbuild","main":"index.js"}\n',
      );
      writeFileSync(path.join(dir, 'node_modules', 'esbuild', 'index.js'), '\n');
      const run = spawnSync(process.execPath, [path.join(dir, 'build', 'prepare.mjs')], { cwd: dir, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('build-cli.mjs ran');
      expect(run.stdout).not.toContain('using the command already built');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

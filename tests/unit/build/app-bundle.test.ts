/**
 * What electron-builder puts in the app, read from electron-builder.yml and package.json
 * the way electron-builder reads them: the production dependencies are exactly what the
 * main and CLI bundles load at run time (everything else is bundled or renderer-only),
 * the workers and the native addon sit where the packed app looks for them, and the
 * languages, icons, hooks and maintainer are set.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { Minimatch } from 'minimatch';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveCoreHostEntry } from '../../../main/host/fork-host';
import { findWorkerEntry, resolveExtractWorker } from '../../../main/ingest/worker-path';
import { buildAppOnce } from '../../helpers/app-build';
import { PROJECT_ROOT } from '../../helpers/vault';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  electronLanguages?: string[];
  afterPack?: string;
  afterSign?: string;
  linux?: { maintainer?: string; icon?: string };
}
interface PackageJson {
  author?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const config = parse(readFileSync(path.join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson;
const OUT_MAIN = path.join(PROJECT_ROOT, 'out', 'main');
const OUT_CLI = path.join(PROJECT_ROOT, 'out', 'cli');

/** The package a bare specifier names: `@scope/name` or `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * The packages the JavaScript files of `dir` load at run time (require, import(), require.resolve), without Node's own.
 */
function loadedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.c?js$/.test(f));
  for (const file of files) {
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const match of code.matchAll(/\b(?:require|import|resolve)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      found.add(packageOf(specifier));
    }
  }
  return found;
}

/** The packages the renderer's sources import (Vite bundles them all into out/renderer). */
function rendererPackages(): Set<string> {
  const found = new Set<string>();
  const dir = path.join(PROJECT_ROOT, 'renderer');
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f))) {
    for (const match of readFileSync(path.join(dir, file), 'utf8').matchAll(/\bfrom\s+'([^'./][^']*)'/g))
      found.add(packageOf(match[1] ?? ''));
  }
  return found;
}

/**
 * Whether electron-builder's `patterns` (minimatch, dot files included, `!` excludes) take the project-relative `file`.
 */
function matches(patterns: readonly string[], file: string): boolean {
  const compiled = patterns.map((p) => new Minimatch(p, { dot: true }));
  return compiled.some((m) => !m.negate && m.match(file)) && compiled.every((m) => !m.negate || m.match(file));
}

/** The width and height in a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

// Built here, so the check reads the bundles of the current sources (the CLI is built by the global setup).
beforeAll(() => buildAppOnce(), 300_000);

describe('package.json dependencies (what electron-builder copies into app.asar)', () => {
  it('holds no renderer-only package: Vite bundles those into out/renderer', () => {
    const runtime = new Set([...loadedPackages(OUT_MAIN), ...loadedPackages(OUT_CLI)]);
    const rendererOnly = [...rendererPackages()].filter((name) => !runtime.has(name));
    expect(rendererOnly).toEqual(
      expect.arrayContaining([
        'react',
        'react-dom',
        '@mantine/core',
        '@tanstack/react-query',
        '@tanstack/react-virtual',
        'i18next',
        'react-i18next',
        '@zxcvbn-ts/core',
      ]),
    );
    expect(rendererOnly.filter((name) => name in pkg.dependencies)).toEqual([]);
  });

  it('holds every package the main and CLI bundles load at run time (what `npm ci --omit=dev` must install)', () => {
    for (const dir of [OUT_MAIN, OUT_CLI]) {
      // electron is the runtime itself; tsx is resolved only when running from the TypeScript sources (worker-path.ts).
      const missing = [...loadedPackages(dir)].filter(
        (name) => !['electron', 'tsx'].includes(name) && !(name in pkg.dependencies),
      );
      expect(missing, dir).toEqual([]);
    }
    expect(loadedPackages(OUT_CLI)).toContain('commander');
  });
});

describe('electron-builder.yml: the packed layout', () => {
  // Electron reads app.asar in worker threads and utility processes; an unpacked worker would look for
  // its packages in app.asar.unpacked/node_modules, where they are not. So workers stay inside the archive.
  it(
    'packs the core host, the extraction and crypto workers beside ' +
      'out/main/index.js, where worker-path.ts looks, inside ' +
      'app.asar',
    () => {
      const extract = path.relative(PROJECT_ROOT, resolveExtractWorker(OUT_MAIN).script);
      const crypto = path.relative(PROJECT_ROOT, findWorkerEntry('crypto-worker', OUT_MAIN)?.filename ?? '');
      const host = path.relative(PROJECT_ROOT, resolveCoreHostEntry(OUT_MAIN).script);
      expect([extract, crypto, host]).toEqual([
        'out/main/extract-worker.js',
        'out/main/crypto-worker.js',
        'out/main/core-host-entry.js',
      ]);
      for (const file of [
        extract,
        crypto,
        host,
        'out/main/index.js',
        'out/preload/index.js',
        'out/renderer/index.html',
      ]) {
        expect(matches(config.files, file), file).toBe(true);
        expect(matches(config.asarUnpack, file), file).toBe(false);
      }
      // The offline verifier page that export writes beside each package.
      expect(existsSync(path.join(PROJECT_ROOT, 'out', 'verifier'))).toBe(true);
      expect(matches(config.files, 'out/verifier/index.html')).toBe(true);
      expect(matches(config.files, 'out/cli/vigil.cjs')).toBe(false);
      expect(matches(config.files, 'out/main/index.js.map')).toBe(false);
    },
  );

  it('unpacks the SQLCipher addon (a .node file cannot load from inside the archive)', () => {
    const addon = path.join(
      'node_modules',
      'better-sqlite3-multiple-ciphers',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(existsSync(path.join(PROJECT_ROOT, addon))).toBe(true);
    expect(matches(config.asarUnpack, addon)).toBe(true);
    expect(matches(config.asarUnpack, 'node_modules/some-other/prebuilds/x.node')).toBe(true);
  });

  it('ships only the languages of the app', () => {
    const locales = readdirSync(path.join(PROJECT_ROOT, 'renderer', 'i18n', 'locales')).sort();
    expect(config.electronLanguages?.slice().sort()).toEqual(locales);
    expect(locales).toEqual(['en', 'ru', 'uk']);
  });

  it('runs the fuses hook after packing and the notarization hook after signing', () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(config.afterSign).toBe('./build/after-sign.mjs');
    for (const hook of [config.afterPack, config.afterSign])
      expect(existsSync(path.join(PROJECT_ROOT, hook ?? ''))).toBe(true);
    expect(readFileSync(path.join(PROJECT_ROOT, 'build', 'after-pack.mjs'), 'utf8')).toMatch(/addElectronFuses/);
    expect(pkg.devDependencies['@electron/fuses']).toBeDefined();
    // after-sign.mjs imports it when it notarizes.
    expect(pkg.devDependencies['@electron/notarize']).toBeDefined();
  });

  it('names the project as author and maintainer, with no made-up address', () => {
    expect(pkg.author).toBe('Vigil contributors');
    expect(config.linux?.maintainer).toBe('Vigil contributors');
  });
});

describe('build/ icons', () => {
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

  it('has the Linux icon set at every size, each PNG as large as its name says', () => {
    expect(config.linux?.icon).toBe('build/icons');
    for (const size of sizes) {
      expect(
        pngSize(readFileSync(path.join(PROJECT_ROOT, 'build', 'icons', `${size}x${size}.png`))),
        `${size}`,
      ).toEqual([size, size]);
    }
    expect(pngSize(readFileSync(path.join(PROJECT_ROOT, 'build', 'icon.png')))).toEqual([1024, 1024]);
  });

  it('has icon.ico with 16 to 256 px, each image the one in build/icons', () => {
    const ico = readFileSync(path.join(PROJECT_ROOT, 'build', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const found: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i += 1) {
      const entry = 6 + 16 * i;
      const png = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      const [w] = pngSize(png);
      expect(ico.readUInt8(entry) || 256).toBe(w);
      expect(png.equals(readFileSync(path.join(PROJECT_ROOT, 'build', 'icons', `${w}x${w}.png`)))).toBe(true);
      found.push(w);
    }
    expect(found).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has icon.icns with every macOS type from 16 to 1024 px', () => {
    const icns = readFileSync(path.join(PROJECT_ROOT, 'build', 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.set(
        icns.subarray(at, at + 4).toString('latin1'),
        pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)))[0],
      );
    }
    expect(Object.fromEntries(types)).toEqual({
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
  });
});

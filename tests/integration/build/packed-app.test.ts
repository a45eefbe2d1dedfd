/**
 * The app as electron-builder packs it (`electron-builder --linux --dir`, the real
 * configuration and hooks), over a stand-in Electron distribution: the Electron binary
 * cannot be downloaded on the build machines, and what is checked here is what
 * electron-builder makes of the project, not Electron. The packed app.asar is then
 * unpacked and its workers, pdf.js and the SQLCipher addon run from it under Node.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnvironment, forkLauncher } from '../../../main/ingest/parser-process';
import { resolveExtractWorker } from '../../../main/ingest/worker-path';
import type { ExtractionResult } from '../../../main/ingest/extraction-types';
import { CryptoWorker } from '../../../main/workers/worker-client';
import { buildAppOnce } from '../../helpers/app-build';
import { PROJECT_ROOT } from '../../helpers/vault';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

interface DistModule {
  publisherPlan(env: Record<string, string>): { args: string[] };
}
const { publisherPlan } = (await import(path.join(PROJECT_ROOT, 'build', 'dist.mjs'))) as DistModule;
// What a publisher sets for a release (build/dist.mjs); reserved example names.
const PUBLISHER = {
  VIGIL_HOMEPAGE: 'https://vigil.example.org',
  VIGIL_MAINTAINER: 'Vigil <release@vigil.example.org>',
};
const publisher = publisherPlan(PUBLISHER);

let tmp: string;
let appDir: string;
let files: string[];
let unpackedApp: string;

/** A stand-in for Electron's Linux distribution: a binary holding a fuse wire (all on), and some locales. */
function fakeElectron(dir: string): void {
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const fuses = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).length;
  writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\n'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, fuses]),
      Buffer.alloc(fuses, 0x31),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(path.join(dir, 'electron'), 0o755);
  for (const locale of ['en-US', 'en-GB', 'uk', 'ru', 'de', 'fr', 'zh-CN'])
    writeFileSync(path.join(dir, 'locales', `${locale}.pak`), locale);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(dir, 'chrome-sandbox'), 'stand-in');
}

/** A one-page PDF with `text`, made with pdfkit. */
function samplePdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vigil-packed-'));
  fakeElectron(path.join(tmp, 'electron'));
  const bin = (name: string): string => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
  buildAppOnce();
  // npmRebuild off: rebuilding the addon for Electron needs Electron's headers, from the network.
  execFileSync(
    bin('electron-builder'),
    [
      '--linux',
      '--dir',
      ...publisher.args,
      `-c.electronDist=${path.join(tmp, 'electron')}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${path.join(tmp, 'dist')}`,
    ],
    {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
      env: { ...process.env, CSC_LINK: '', WIN_CSC_LINK: '' },
    },
  );
  appDir = path.join(tmp, 'dist', 'linux-unpacked');
  files = asar
    .listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false })
    .map((f) => f.replace(/\\/g, '/'));
  unpackedApp = path.join(tmp, 'app');
  asar.extractAll(path.join(appDir, 'resources', 'app.asar'), unpackedApp);
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the packed Linux app (electron-builder --dir)', () => {
  it('is the binary named vigil, with the fuses flipped by the afterPack hook', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'vigil'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(0x30);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(0x31);
  });

  it("carries the publisher's homepage from the release environment (electron-builder's deb needs it)", () => {
    const packed = JSON.parse(readFileSync(path.join(unpackedApp, 'package.json'), 'utf8')) as { homepage?: string };
    expect(packed.homepage).toBe(PUBLISHER.VIGIL_HOMEPAGE);
  });

  it('keeps only the locales of the app', () => {
    expect(readdirSync(path.join(appDir, 'locales')).sort()).toEqual(['en-GB.pak', 'en-US.pak', 'ru.pak', 'uk.pak']);
  });

  it('holds the main, worker, preload, renderer and verifier builds, and not the CLI bundle or source maps', () => {
    for (const file of [
      '/out/main/index.js',
      '/out/main/extract-worker.js',
      '/out/main/crypto-worker.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/out/verifier/verify.html',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => f.startsWith('/out/') && (f.startsWith('/out/cli') || f.endsWith('.map')))).toEqual([]);
  });

  it('holds every production dependency and none of the renderer-only or build packages', () => {
    for (const name of Object.keys(pkg.dependencies))
      expect(files, name).toContain(`/node_modules/${name}/package.json`);
    for (const name of [
      'react',
      'react-dom',
      '@mantine/core',
      '@tanstack/react-query',
      'i18next',
      'react-i18next',
      '@zxcvbn-ts/core',
      'electron',
      'esbuild',
      'vite',
      'typescript',
      '@napi-rs/canvas',
    ]) {
      expect(files, name).not.toContain(`/node_modules/${name}/package.json`);
    }
  });

  it('unpacks the SQLCipher addon and nothing else of substance', () => {
    const unpacked = readdirSync(path.join(appDir, 'resources', 'app.asar.unpacked'), {
      recursive: true,
      encoding: 'utf8',
    }).filter((f) => /\.(node|a|o|c|cpp|h)$/.test(f));
    expect(unpacked).toEqual([
      path.join('node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'),
    ]);
  });
});

describe('the packed app’s code, run from its own files', () => {
  it('extracts a PDF’s text through the packed extraction program and pdf.js', async () => {
    const entry = resolveExtractWorker(path.join(unpackedApp, 'out', 'main'));
    expect(entry.script).toBe(path.join(unpackedApp, 'out', 'main', 'extract-worker.js'));
    const child = forkLauncher.launch(entry, { maxOldSpaceMb: 256, env: childEnvironment() });
    const result = await new Promise<ExtractionResult>((resolve, reject) => {
      child.onMessage((m) => resolve(m as ExtractionResult));
      child.onExit((code) => reject(new Error(`the extraction program exited (${code})`)));
      void samplePdf('Packed and still reading').then((pdf) =>
        child.post({ data: new Uint8Array(pdf), mediaType: 'application/pdf', maxTextChars: 10_000 }),
      );
    });
    child.kill();
    expect(result).toMatchObject({ status: 'ok', text: expect.stringContaining('Packed and still reading') });
  });

  it('hashes in the packed crypto worker', async () => {
    const worker = CryptoWorker.start(path.join(unpackedApp, 'out', 'main'));
    expect(worker).not.toBeNull();
    try {
      const job = worker?.hash('sha512');
      await job?.update(Buffer.from('packed'));
      expect((await job?.end())?.hex).toBe(createHash('sha512').update('packed').digest('hex'));
    } finally {
      await worker?.close();
    }
  });

  it('opens an encrypted database with the packed SQLCipher module and addon', () => {
    const moduleDir = path.join(unpackedApp, 'node_modules', 'better-sqlite3-multiple-ciphers');
    expect(existsSync(path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    const dbFile = path.join(tmp, 'packed.db');
    const script = `const D = require(${JSON.stringify(moduleDir)}); const db = new D(${JSON.stringify(dbFile)});
db.pragma("cipher='sqlcipher'"); db.pragma('legacy=4'); db.pragma("key=\\"x'${'ab'.repeat(32)}'\\"");
db.exec('create table t(x)'); db.prepare('insert into t values (?)').run('ok');
process.stdout.write(db.prepare('select x from t').get().x + ' ' + db.pragma('cipher', { simple: true }));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ok sqlcipher');
    // Encrypted: the file does not start with SQLite's plain header.
    expect(readFileSync(dbFile).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });
});

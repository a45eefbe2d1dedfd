/**
 * The libraries only some commands need are loaded when one of those commands runs, not at every
 * start: pdfkit (the report), mammoth (Word text), exifr (EXIF), pkijs and asn1js (RFC 3161
 * timestamps) together took about 0.2 s of the 0.5 s a command took to start.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../../helpers/tools';
import { CLI, cliEnv, PROJECT_ROOT, suiteTempDir } from '../../helpers/vault';

const RECORDER = path.join(PROJECT_ROOT, 'tests', 'helpers', 'record-packages.mjs');
const ON_DEMAND = ['asn1js', 'exifr', 'mammoth', 'pdfkit', 'pkijs'];

let root: string;
let vaultDir: string;

/** Runs `vigil args` and returns the npm packages it loaded (throws with its error output when it fails). */
function packagesLoadedBy(args: string[]): string[] {
  const out = path.join(root, `packages-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ['--import', RECORDER, CLI, ...args], {
    env: cliEnv({ VIGIL_TEST_PACKAGES_FILE: out }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${r.stderr}`);
  return fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
}

beforeAll(() => {
  root = suiteTempDir('vigil-cli-start-');
  vaultDir = path.join(root, 'vault');
  // A fictional case to report on.
  packagesLoadedBy(['demo', vaultDir]);
});

describe('vigil start-up: libraries loaded on demand', () => {
  it('starts, unlocks, adds and verifies without loading them', () => {
    const note = path.join(root, 'note.txt');
    fs.writeFileSync(note, 'A letter returned unopened by the colony administration.\n');
    for (const args of [['--version'], ['status', vaultDir], ['add', vaultDir, note], ['verify', vaultDir]]) {
      const loaded = packagesLoadedBy(args);
      // The recorder sees what a command does load: without this the test could pass by seeing nothing.
      expect(loaded).toContain('zod');
      expect(loaded.filter((name) => ON_DEMAND.includes(name))).toEqual([]);
    }
  });

  it('loads pdfkit when a report is made', () => {
    const pdf = path.join(root, 'report.pdf');
    expect(packagesLoadedBy(['report', vaultDir, 'DEMO-2025-001', '--output', pdf])).toContain('pdfkit');
    expect(fs.statSync(pdf).size).toBeGreaterThan(1000);
  });

  it.runIf(hasTool('openssl'))('loads pkijs and asn1js when a timestamp is requested', () => {
    const loaded = packagesLoadedBy(['checkpoint', vaultDir, '--timestamp-request', path.join(root, 'cp.tsq')]);
    expect(loaded).toEqual(expect.arrayContaining(['pkijs', 'asn1js']));
  });
});

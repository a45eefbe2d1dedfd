import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './vault';

// Beside the checkout's packages, not in out/: electron-builder packs everything under out/.
const STATE = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'vigil-app-build');
const LOCK = path.join(STATE, 'lock');
const MARKER = path.join(STATE, 'run');
/** A lock older than this was left by a run that died. */
const STALE_MS = 5 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the app (out/main, out/preload, out/renderer: `electron-vite build`) once per
 * test run, from the current sources. Test files run in parallel processes, and a build
 * empties out/renderer while another file may be packing it: so one process builds, under
 * a lock, and the others of the same run (the same vitest parent process) reuse it.
 */
export function buildAppOnce(): void {
  const run = String(process.ppid);
  mkdirSync(STATE, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Released meanwhile: try again.
      }
      sleep(200);
    }
  }
  try {
    let built = '';
    try {
      built = readFileSync(MARKER, 'utf8');
    } catch {
      // Not built in any run yet.
    }
    if (built !== run) {
      execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
        cwd: PROJECT_ROOT,
        stdio: 'ignore',
      });
      writeFileSync(MARKER, run);
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

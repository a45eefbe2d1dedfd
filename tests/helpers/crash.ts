/**
 * Runs the built `vigil` command and SIGKILLs it: before its k-th file-system change (see
 * crash-point.cjs), after a delay, or not at all. Crash tests sweep k over every step of a
 * command and add kills at random moments from a printed seed.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CLI, cliEnv } from './vault';

const PRELOAD = path.join(__dirname, 'crash-point.cjs');

/** When to kill: before the k-th file-system change, after `delayMs`, or never. */
export type KillAt = { op: number } | { delayMs: number } | null;

/** What the killed (or finished) command left: its output so far and whether it finished. */
export interface KilledRun {
  stdout: string;
  stderr: string;
  /** Exit status when it finished by itself; null when it was killed. */
  status: number | null;
  /** How many file-system changes it made (only when it finished by itself and counting was asked for). */
  ops: number | null;
}

/** Runs `vigil args…` with `env`, killing it as `kill` says; resolves once it is gone. */
export function runKilled(args: string[], env: Record<string, string>, kill: KillAt, countFile?: string): Promise<KilledRun> {
  const extra: Record<string, string> = { ...env };
  if (kill !== null && 'op' in kill) extra.VIGIL_TEST_KILL_AT_OP = String(kill.op);
  if (countFile !== undefined) {
    rmSync(countFile, { force: true });
    extra.VIGIL_TEST_COUNT_FILE = countFile;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', PRELOAD, CLI, ...args], { env: cliEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = kill !== null && 'delayMs' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.delayMs) : null;
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      let ops: number | null = null;
      if (countFile !== undefined && code !== null) ops = Number(readFileSync(countFile, 'utf8'));
      resolve({ stdout, stderr, status: code, ops });
    });
  });
}

/** The seed of a crash test's random moments: VIGIL_CRASH_SEED to replay one, else new; printed either way. */
export function crashSeed(what: string): number {
  const seed = Number(process.env.VIGIL_CRASH_SEED ?? Date.now() % 1_000_000);
  console.log(`${what} seed: ${seed} (replay with VIGIL_CRASH_SEED=${seed})`);
  return seed;
}

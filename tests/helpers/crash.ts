/**
 * Runs the built `vigil` command and SIGKILLs it: before its k-th file-system change (see
 * crash-point.cjs), after a delay, or not at all. Crash tests sweep k over every step of a
 * command and add kills at random moments from a printed seed.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, cliEnv } from './vault';

const PRELOAD = pathToFileURL(path.join(__dirname, 'crash-point.mjs')).href;

/** When to kill: before the k-th file-system change, after `delayMs`, or never. */
export type KillAt = { op: number } | { delayMs: number } | null;

/** What the killed (or finished) command left: its output so far and whether it finished. */
export interface KilledRun {
  stdout: string;
  stderr: string;
  /** Exit status when it finished by itself; null when it was killed. */
  status: number | null;
  /**
   * The file-system steps it took, as "call file-name" with random parts as `*` (only when it finished by itself and a
   * trace was asked for).
   */
  trace: string[] | null;
}

/** Runs `vigil args…` with `env`, killing it as `kill` says; resolves once it is gone. */
export function runKilled(
  args: string[],
  env: Record<string, string>,
  kill: KillAt,
  traceFile?: string,
): Promise<KilledRun> {
  const extra: Record<string, string> = { ...env };
  if (kill !== null && 'op' in kill) extra.VIGIL_TEST_KILL_AT_OP = String(kill.op);
  if (traceFile !== undefined) {
    rmSync(traceFile, { force: true });
    extra.VIGIL_TEST_TRACE_FILE = traceFile;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, CLI, ...args], {
      env: cliEnv(extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = kill !== null && 'delayMs' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.delayMs) : null;
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      let trace: string[] | null = null;
      // Random names (temp files, object ids and their two-digit folders) become `*`, so like steps compare equal.
      if (traceFile !== undefined && code !== null)
        trace = (JSON.parse(readFileSync(traceFile, 'utf8')) as string[]).map((s) =>
          s.replace(/[0-9a-f]{16,}/g, '*').replace(/ [0-9a-f]{2}$/, ' *'),
        );
      resolve({ stdout, stderr, status: code, trace });
    });
  });
}

/**
 * The steps of `trace` worth killing before (1-based), leaving out those it shares from the
 * start and from the end with `common` (a plain unlock, say: swept once is enough), and the
 * middle of a run of like steps (reading one stored object after another): its first and
 * last steps stand for it.
 */
export function ownSteps(trace: string[], common: string[]): number[] {
  let head = 0;
  while (head < trace.length && trace[head] === common[head]) head++;
  let tail = 0;
  while (tail < trace.length - head && trace[trace.length - 1 - tail] === common[common.length - 1 - tail]) tail++;
  const steps = Array.from({ length: trace.length - head - tail }, (_, i) => head + i + 1);
  // Inside a run that repeats with a period of one or two steps (open one object after another; make its folder, then
  // write it).
  const inRun = (k: number, period: number): boolean =>
    trace[k - 1] === trace[k - 1 - period] && trace[k - 1] === trace[k - 1 + period];
  return steps.filter((k) => !inRun(k, 1) && !inRun(k, 2));
}

/** The seed of a crash test's random moments: VIGIL_CRASH_SEED to replay one, else new; printed either way. */
export function crashSeed(what: string): number {
  const seed = Number(process.env.VIGIL_CRASH_SEED ?? Date.now() % 1_000_000);
  console.log(`${what} seed: ${seed} (replay with VIGIL_CRASH_SEED=${seed})`);
  return seed;
}

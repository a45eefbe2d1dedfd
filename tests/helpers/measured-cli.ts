/**
 * Runs the built `vigil` command under GNU time, so a test can bound what a
 * hostile input costs: wall time and the peak resident memory of the command
 * (including its helper processes, whose peak the kernel reports with it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, cliEnv } from './vault';

/** One measured run. */
export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakMiB: number;
}

/** Runs `vigil args…` and measures it; `timeoutMs` kills a run that hangs (the test then fails on its status). */
export function measuredCli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): MeasuredRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-time-'));
  const report = path.join(dir, 'time.txt');
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, process.execPath, CLI, ...args], {
      env: cliEnv(env),
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 64 << 20,
    });
    const [seconds, kib] = readFileSync(report, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
    return {
      status: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      seconds: seconds ?? Number.NaN,
      peakMiB: (kib ?? Number.NaN) / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

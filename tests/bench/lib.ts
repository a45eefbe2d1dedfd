// Shared helpers of the benchmarks: timing, peak RSS of a child, temp folders, the report.
// Benchmarks are plain scripts (npx tsx tests/bench/<name>.ts), not timed unit tests.
import { spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const KIB = 1024;
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(PROJECT_ROOT, 'bin', 'vigil.cjs');
export const BENCH_PASSPHRASE = 'correct horse battery staple';

/** One measured figure: its value, the target it is held to (if any) and whether it met it. */
export interface Figure {
  metric: string;
  value: string;
  target: string;
  pass: boolean | null;
}

/** What one benchmark reports: its figures and notes for the reader. */
export interface BenchResult {
  name: string;
  figures: Figure[];
  notes: string[];
}

/** The wall time, CPU time and peak resident memory of one finished child process. */
export interface ChildRun {
  seconds: number;
  /** User + system CPU seconds of the child and what it waited for (GNU time); null without GNU time. */
  cpuSeconds: number | null;
  peakRssBytes: number | null;
  stdout: string;
  stderr: string;
}

const tempDirs = new Set<string>();

/** A fresh folder under os.tmpdir(), removed by cleanupTempDirs (also on exit or Ctrl-C). */
export function makeTempDir(prefix = 'vigil-bench-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Removes one temp folder now (the 1 GiB files should not wait for the end of the suite). */
export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Removes every temp folder the benchmarks made. */
export function cleanupTempDirs(): void {
  for (const dir of [...tempDirs]) removeTempDir(dir);
}

// Synchronous so it also runs from the 'exit' event; signals exit with the conventional status.
process.on('exit', cleanupTempDirs);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanupTempDirs();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** Seconds since `started` (from process.hrtime.bigint()). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs `fn` and returns its result with the wall time it took. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { seconds: secondsSince(started), value };
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number): number => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

const GNU_TIME = '/usr/bin/time';
/**
 * Whether GNU time is there to report a child's peak RSS exactly (else /proc is sampled; VIGIL_BENCH_RSS=proc forces
 * that).
 */
const hasGnuTime =
  process.env.VIGIL_BENCH_RSS !== 'proc' &&
  fs.existsSync(GNU_TIME) &&
  spawnSync(GNU_TIME, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;

/** Peak RSS of a live process from /proc (VmHWM is the kernel's own high-water mark). */
function readPeakRss(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib ? Number(kib) * KIB : null;
  } catch {
    return null;
  }
}

/**
 * Runs a command to the end and measures its wall time, CPU time and peak RSS (GNU time's
 * %U, %S and %M, or sampling /proc/<pid>/status when GNU time is missing). Throws if it fails.
 */
export async function runChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildRun> {
  const rssFile = hasGnuTime ? path.join(os.tmpdir(), `vigil-bench-rss-${process.pid}-${Date.now()}`) : null;
  const [cmd, argv] = rssFile ? [GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const sampled: { peak: number | null } = { peak: null };
  const sampler = rssFile
    ? null
    : setInterval(() => {
        const rss = child.pid ? readPeakRss(child.pid) : null;
        if (rss !== null) sampled.peak = Math.max(sampled.peak ?? 0, rss);
      }, 10);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = secondsSince(started);
  if (sampler) clearInterval(sampler);
  let peakRssBytes = sampled.peak;
  let cpuSeconds: number | null = null;
  if (rssFile) {
    const text = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8') : '';
    fs.rmSync(rssFile, { force: true });
    const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(text);
    peakRssBytes = m ? Number(m[3]) * KIB : null;
    cpuSeconds = m ? Number(m[1]) + Number(m[2]) : null;
  }
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(code)}: ${stderr.trim()}`);
  return { seconds, cpuSeconds, peakRssBytes, stdout, stderr };
}

/** Runs `node bin/vigil.cjs …` with the bench passphrase (and any extra environment). */
export function runVigil(args: string[], extraEnv: Record<string, string> = {}): Promise<ChildRun> {
  // Weak test limits only when a benchmark asks for them, never inherited from the shell.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VIGIL_INSECURE_TEST_KDF: undefined,
    VIGIL_PASSPHRASE: BENCH_PASSPHRASE,
    ...extraEnv,
  };
  return runChild(process.execPath, [CLI, ...args], env);
}

/** Fails early with a clear message when the CLI bundle or an outside tool is missing. */
export function requireTools(...names: string[]): void {
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'out', 'cli', 'vigil.cjs'))) {
    throw new Error('The vigil CLI is not built: run "node build/build-cli.mjs" (npm run bench does it).');
  }
  for (const name of names) {
    if (spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status !== 0) {
      throw new Error(`${name} is needed by the benchmarks but is not installed (apt-get install ${name}).`);
    }
  }
}

/** Megabytes (10^6) per second, for throughput figures comparable with other tools' output. */
export function mbps(bytes: number, seconds: number): number {
  return bytes / 1e6 / seconds;
}

/** A number with a fixed count of decimals. */
export function fmt(value: number, decimals = 2): string {
  return value.toFixed(decimals);
}

/** Bytes as MiB with one decimal. */
export function fmtMib(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${(bytes / MIB).toFixed(1)} MiB`;
}

/** A short line for the verdict column. */
export function verdict(pass: boolean | null): string {
  return pass === null ? '' : pass ? 'PASS' : 'MISS';
}

/** Prints figures as an aligned table; `withBench` adds the benchmark's name as the first column. */
export function printTable(results: BenchResult[], withBench: boolean): void {
  const header = [...(withBench ? ['benchmark'] : []), 'metric', 'value', 'target', 'result'];
  const rows = results.flatMap((r) =>
    r.figures.map((f) => [...(withBench ? [r.name] : []), f.metric, f.value, f.target, verdict(f.pass)]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Prints one benchmark's figures and notes. */
export function printResult(result: BenchResult): void {
  console.log(`\n== ${result.name} ==`);
  printTable([result], false);
  for (const note of result.notes) console.log(`  note: ${note}`);
}

/** Whether every target in the results was met. */
export function allPassed(results: BenchResult[]): boolean {
  return results.every((r) => r.figures.every((f) => f.pass !== false));
}

/** Runs one benchmark as a script: prints it and sets a failing exit status on a miss or an error. */
export function runStandalone(file: string, run: () => Promise<BenchResult>): void {
  if (path.basename(process.argv[1] ?? '') !== path.basename(file)) return;
  run()
    .then(
      (result) => {
        printResult(result);
        process.exitCode = allPassed([result]) ? 0 : 1;
      },
      (err: unknown) => {
        console.error(err);
        process.exitCode = 2;
      },
    )
    .finally(cleanupTempDirs);
}

/** Writes `bytes` of random data in 8 MiB pieces (the page cache stays warm: nothing is dropped). */
export function writeRandomFile(file: string, bytes: number): void {
  const chunk = Buffer.alloc(8 * MIB);
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    for (let written = 0; written < bytes; written += chunk.length) {
      const piece = chunk.subarray(0, Math.min(chunk.length, bytes - written));
      randomFillSync(piece);
      fs.writeSync(fd, piece);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Puts both sides of a comparison in the same state before a timed run: no dirty pages left
 * by the previous run (whose write-back would slow this one) and the run's input files in
 * the page cache (this machine's cache drops files quickly; reading them from disk would
 * time the disk, not the program).
 */
export async function settleInputs(inputs: string[]): Promise<void> {
  await runChild('sh', ['-c', 'sync && cat "$@" > /dev/null', 'sh', ...inputs]);
}

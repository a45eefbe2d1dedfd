// Runs every benchmark in sequence and prints one summary table; exits 1 if a target is missed.
// `npm run bench` builds the CLI first, then runs this with tsx.
import os from 'node:os';
import { run as runAdd } from './add-1gib';
import { run as runCustody } from './custody';
import { run as runExport } from './export-1gib';
import { allPassed, cleanupTempDirs, printResult, printTable, type BenchResult } from './lib';
import { run as runIngest } from './ingest-10k';
import { run as runOpenRecovery } from './open-100k-objects';
import { run as runSearch } from './search-1m';
import { run as runStatus } from './status-100k';
import { run as runTimeline } from './timeline-10k';
import { run as runUiIngest } from './ui-ingest-1gib';
import { run as runUiItems } from './ui-items-10k';
import { run as runVerify } from './verify-1gib';
import { run as runHostEventLoop } from './host-event-loop';

const BENCHMARKS: { name: string; run: () => Promise<BenchResult> }[] = [
  { name: 'add-1gib', run: () => runAdd() },
  { name: 'custody', run: () => runCustody() },
  { name: 'status-100k', run: () => runStatus() },
  { name: 'open-100k-objects', run: () => runOpenRecovery() },
  { name: 'ingest-10k', run: () => runIngest() },
  { name: 'timeline-10k', run: () => runTimeline() },
  { name: 'search-1m', run: () => runSearch() },
  { name: 'export-1gib', run: () => runExport() },
  { name: 'verify-1gib', run: () => runVerify() },
  // The interface in the E2E harness (needs the renderer built: `npm run bench` builds it).
  { name: 'ui-items-10k', run: () => runUiItems() },
  { name: 'ui-ingest-1gib', run: () => runUiIngest() },
  // The main process's stalls with the core in-process and hosted (out/main/core-host-entry.js when built).
  { name: 'host-event-loop', run: () => runHostEventLoop() },
];

/** A benchmark that failed to run counts as a miss, with the error as its figure. */
function failed(name: string, err: unknown): BenchResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    name,
    figures: [
      { metric: 'benchmark ran', value: `error: ${message.split('\n')[0] ?? ''}`, target: 'runs', pass: false },
    ],
    notes: [],
  };
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Vigil benchmarks on ${cpu} x${os.cpus().length}, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const results: BenchResult[] = [];
  for (const bench of BENCHMARKS) {
    const started = Date.now();
    console.log(`\nrunning ${bench.name}…`);
    let result: BenchResult;
    try {
      result = await bench.run();
    } catch (err) {
      console.error(err);
      result = failed(bench.name, err);
    }
    printResult(result);
    console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    results.push(result);
  }
  const ok = allPassed(results);
  console.log(
    `\n== summary (load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}) ==`,
  );
  printTable(results, true);
  console.log(ok ? '\nAll targets met.' : '\nAt least one target was MISSED.');
  process.exitCode = ok ? 0 : 1;
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  })
  .finally(cleanupTempDirs);

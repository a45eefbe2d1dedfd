// Benchmark: `vigil add` of a 1 GiB random file against `sha256sum` then `age -r` on the same
// file, in the same run. Run alone with: npx tsx tests/bench/add-1gib.ts [MiB]
import fs from 'node:fs';
import path from 'node:path';
import {
  fmt,
  fmtMib,
  GIB,
  makeTempDir,
  mbps,
  MIB,
  removeTempDir,
  requireTools,
  runChild,
  runStandalone,
  runVigil,
  type BenchResult,
  type ChildRun,
  writeRandomFile,
} from './lib';

const RUNS = 2;
const MEMORY_GROWTH_LIMIT = 100 * MIB;
const FAST_KDF = { VIGIL_INSECURE_TEST_KDF: '1' };


/** One run of the standard tools: total seconds, and each tool's share. */
type ToolsRun = { seconds: number; sha: number; age: number };
/** One run of vigil: the add, and a status on the same vault as the memory baseline. */
type VigilRun = { add: ChildRun; status: ChildRun };

/** The standard tools: hash with sha256sum, then encrypt with age to a file; both timed. */
async function runStandardTools(dir: string, file: string, recipient: string): Promise<ToolsRun> {
  const output = path.join(dir, 'tools-output.age');
  try {
    const sha = await runChild('sha256sum', [file]);
    const age = await runChild('age', ['-r', recipient, '-o', output, file]);
    return { seconds: sha.seconds + age.seconds, sha: sha.seconds, age: age.seconds };
  } finally {
    fs.rmSync(output, { force: true });
  }
}

/** One `vigil add` into a fresh fast-KDF vault (so a second run is not a deduplicated copy), and a `vigil status` on it afterwards. */
async function runVigilAdd(dir: string, file: string, run: number): Promise<VigilRun> {
  const vaultDir = path.join(dir, `vault-${run}`);
  try {
    await runVigil(['init', vaultDir, '--name', 'Bench'], FAST_KDF);
    const add = await runVigil(['add', vaultDir, file], FAST_KDF);
    const status = await runVigil(['status', vaultDir], FAST_KDF);
    return { add, status };
  } finally {
    fs.rmSync(vaultDir, { recursive: true, force: true });
  }
}

/** The age recipient of a fresh X25519 identity made by age-keygen. */
async function makeRecipient(dir: string): Promise<string> {
  const keyFile = path.join(dir, 'identity.txt');
  await runChild('age-keygen', ['-o', keyFile]);
  return (await runChild('age-keygen', ['-y', keyFile])).stdout.trim();
}

/** Runs the benchmark on a file of `bytes` (1 GiB by default). */
export async function run(bytes = GIB): Promise<BenchResult> {
  requireTools('sha256sum', 'age', 'age-keygen');
  const dir = makeTempDir();
  try {
    const file = path.join(dir, 'random.bin');
    // Not measured: making the file (it also warms the page cache for both sides).
    writeRandomFile(file, bytes);
    const recipient = await makeRecipient(dir);
    const tools: ToolsRun[] = [];
    const vigil: VigilRun[] = [];
    // Interleaved, so a burst of load on the machine falls on both sides alike; best of each.
    for (let i = 0; i < RUNS; i++) {
      tools.push(await runStandardTools(dir, file, recipient));
      vigil.push(await runVigilAdd(dir, file, i));
    }
    return report(bytes, tools, vigil);
  } finally {
    removeTempDir(dir);
  }
}

function report(bytes: number, tools: ToolsRun[], vigil: VigilRun[]): BenchResult {
  const bestTools = tools.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const bestAdd = vigil.map((v) => v.add).reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const toolsRate = mbps(bytes, bestTools.seconds);
  const vigilRate = mbps(bytes, bestAdd.seconds);
  const ratio = vigilRate / toolsRate;
  const peakAdd = Math.max(...vigil.map((v) => v.add.peakRssBytes ?? Number.NaN));
  const baseline = Math.max(...vigil.map((v) => v.status.peakRssBytes ?? Number.NaN));
  const growth = peakAdd - baseline;
  const size = `${fmt(bytes / MIB, 0)} MiB`;
  return {
    name: 'add-1gib',
    figures: [
      { metric: `sha256sum + age -r, ${size} (best of ${RUNS})`, value: `${fmt(bestTools.seconds)} s = ${fmt(bestTools.sha)} + ${fmt(bestTools.age)} s, ${fmt(toolsRate, 0)} MB/s`, target: '', pass: null },
      { metric: `vigil add, ${size} (best of ${RUNS})`, value: `${fmt(bestAdd.seconds)} s, ${fmt(vigilRate, 0)} MB/s`, target: '', pass: null },
      { metric: 'vigil add / (sha256sum + age) throughput', value: `${fmt(ratio)}x`, target: '>= 1.00x', pass: ratio >= 1 },
      { metric: 'vigil add peak RSS (status baseline)', value: `${fmtMib(peakAdd)} (${fmtMib(baseline)})`, target: '', pass: null },
      { metric: 'vigil add peak RSS growth', value: fmtMib(growth), target: `< ${fmtMib(MEMORY_GROWTH_LIMIT)}`, pass: Number.isFinite(growth) && growth < MEMORY_GROWTH_LIMIT },
    ],
    notes: [
      `each run: tools ${tools.map((t) => `${fmt(t.seconds)} s`).join(', ')}; vigil add ${vigil.map((v) => `${fmt(v.add.seconds)} s`).join(', ')}`,
      'vigil add times the whole command (node start, fast-KDF unlock, SHA-256 + SHA-512 + age encryption, fsync, commit); the tools do not fsync',
    ],
  };
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) * MIB : GIB));

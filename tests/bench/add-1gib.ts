// Benchmark: `vigil add` of a 1 GiB random file against `cp` + `sync` (the bare cost of a
// durable copy) and against `sha256sum` + `sha512sum` + `age -r` (the tools doing what the add
// does), in the same run. Run alone with: npx tsx tests/bench/add-1gib.ts [MiB]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAgeEncryptStream, generateX25519Identity, parseRecipient } from '../../main/crypto/age';
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
  settleInputs,
  type BenchResult,
  type ChildRun,
  writeRandomFile,
} from './lib';

const RUNS = 3;
const MEMORY_GROWTH_LIMIT = 100 * MIB;
const FAST_KDF = { VIGIL_INSECURE_TEST_KDF: '1' };
/** vigil add may take at most this many times `cp` + `sync`. */
const COPY_LIMIT = 2.0;
/** vigil add must be at least this many times faster than sha256sum + sha512sum + age. */
const TOOLS_TARGET = 1.5;

/** Plaintext the cryptography floor is measured on, then scaled to the file's size (kept in memory). */
const FLOOR_SAMPLE = 128 * MIB;

/** The cryptography floor of storing: the three passes together, and the SHA-512 pass alone (seconds). */
interface Floor {
  total: number;
  sha512: number;
}

/**
 * Wall seconds, measured here in one thread with the project's own code, of the three passes
 * storing `bytes` cannot skip: SHA-256, SHA-512 (DESIGN §4 records both) and one age
 * encryption; and of the SHA-512 alone. Measured on FLOOR_SAMPLE bytes in memory (no disk),
 * then scaled. Over two cores the passes take at least half the total, and at least the
 * SHA-512 (one sequential pass, which no second core shortens): the two-core floor.
 */
async function cryptoFloor(bytes: number): Promise<Floor> {
  const id = generateX25519Identity();
  const plain = Array.from({ length: FLOOR_SAMPLE / MIB }, () => Buffer.alloc(MIB, 7));
  const scale = bytes / FLOOR_SAMPLE;
  const seconds = (since: bigint): number => (Number(process.hrtime.bigint() - since) / 1e9) * scale;
  const started = process.hrtime.bigint();
  const h512 = createHash('sha512');
  for (const b of plain) h512.update(b);
  h512.digest();
  const sha512 = seconds(started);
  const h256 = createHash('sha256');
  for (const b of plain) h256.update(b);
  h256.digest();
  await pipeline(
    Readable.from(plain),
    createAgeEncryptStream([parseRecipient(id.recipient)]),
    new Writable({ highWaterMark: MIB, write: (_c: Buffer, _e, done) => done() }),
  );
  return { total: seconds(started), sha512 };
}

/** One run of the standard tools: total seconds, and each tool's share. */
type ToolsRun = { seconds: number; sha256: number; sha512: number; age: number };
/** One run of vigil: the add, and a status on the same vault as the memory baseline. */
type VigilRun = { add: ChildRun; status: ChildRun };

/** The standard tools: both digests, then encrypt with age to a file; each timed. */
async function runStandardTools(dir: string, file: string, recipient: string): Promise<ToolsRun> {
  const output = path.join(dir, 'tools-output.age');
  try {
    const sha256 = await runChild('sha256sum', [file]);
    const sha512 = await runChild('sha512sum', [file]);
    const age = await runChild('age', ['-r', recipient, '-o', output, file]);
    return {
      seconds: sha256.seconds + sha512.seconds + age.seconds,
      sha256: sha256.seconds,
      sha512: sha512.seconds,
      age: age.seconds,
    };
  } finally {
    fs.rmSync(output, { force: true });
  }
}

/** A plain durable copy on the same disk: `cp` then `sync` of the copy. */
async function runCopy(dir: string, file: string): Promise<number> {
  const output = path.join(dir, 'copy.bin');
  try {
    return (await runChild('sh', ['-c', 'cp "$1" "$2" && sync "$2"', 'sh', file, output])).seconds;
  } finally {
    fs.rmSync(output, { force: true });
  }
}

/**
 * One `vigil add` into a fresh fast-KDF vault (so a second run is not a deduplicated copy), and a `vigil status` on it
 * afterwards.
 */
async function runVigilAdd(dir: string, file: string, run: number): Promise<VigilRun> {
  const vaultDir = path.join(dir, `vault-${run}`);
  try {
    await runVigil(['init', vaultDir, '--name', 'Bench'], FAST_KDF);
    await settleInputs([file]);
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
  requireTools('sha256sum', 'sha512sum', 'age', 'age-keygen', 'cp', 'sync');
  const dir = makeTempDir();
  try {
    const file = path.join(dir, 'random.bin');
    // Not measured: making the file (it also warms the page cache for both sides).
    writeRandomFile(file, bytes);
    const recipient = await makeRecipient(dir);
    const tools: ToolsRun[] = [];
    const copies: number[] = [];
    const vigil: VigilRun[] = [];
    const loads: number[] = [];
    const floors: Floor[] = [];
    // Alternating the order, so a burst of load on the machine falls on every side alike; best of each.
    for (let i = 0; i < RUNS; i++) {
      const steps = [
        async () => {
          await settleInputs([file]);
          tools.push(await runStandardTools(dir, file, recipient));
        },
        async () => {
          await settleInputs([file]);
          copies.push(await runCopy(dir, file));
        },
        async () => {
          vigil.push(await runVigilAdd(dir, file, i));
        },
        async () => {
          floors.push(await cryptoFloor(bytes));
        },
      ];
      loads.push(os.loadavg()[0] ?? Number.NaN);
      for (const step of i % 2 === 0 ? steps : steps.reverse()) await step();
    }
    return report(bytes, { tools, copies, vigil, loads, floors });
  } finally {
    removeTempDir(dir);
  }
}

function report(
  bytes: number,
  m: { tools: ToolsRun[]; copies: number[]; vigil: VigilRun[]; loads: number[]; floors: Floor[] },
): BenchResult {
  const floor = Math.min(...m.floors.map((f) => f.total));
  const sha512Pass = Math.min(...m.floors.map((f) => f.sha512));
  const twoCoreFloor = Math.max(floor / 2, sha512Pass);
  const bestTools = m.tools.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const bestAdd = m.vigil.map((v) => v.add).reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const bestCopy = Math.min(...m.copies);
  const toolsRatio = bestTools.seconds / bestAdd.seconds;
  const copyRatio = bestAdd.seconds / bestCopy;
  const peakAdd = Math.max(...m.vigil.map((v) => v.add.peakRssBytes ?? Number.NaN));
  const baseline = Math.max(...m.vigil.map((v) => v.status.peakRssBytes ?? Number.NaN));
  const growth = peakAdd - baseline;
  const size = `${fmt(bytes / MIB, 0)} MiB`;
  return {
    name: 'add-1gib',
    figures: [
      {
        metric: `vigil add, ${size} (best of ${RUNS})`,
        value: `${fmt(bestAdd.seconds)} s, ${fmt(mbps(bytes, bestAdd.seconds), 0)} MB/s`,
        target: '',
        pass: null,
      },
      {
        metric: `cp + sync, ${size} (best of ${RUNS})`,
        value: `${fmt(bestCopy)} s, ${fmt(mbps(bytes, bestCopy), 0)} MB/s`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil add time / (cp + sync) time',
        value: `${fmt(copyRatio)}x`,
        target: `<= ${fmt(COPY_LIMIT, 1)}x`,
        pass: copyRatio <= COPY_LIMIT,
      },
      {
        metric: 'cryptography floor (SHA-256 + SHA-512 + age encryption, one thread, in memory)',
        value: `${fmt(floor)} s`,
        target: '',
        pass: null,
      },
      {
        metric: 'SHA-512 pass alone (one sequential pass, in memory)',
        value: `${fmt(sha512Pass)} s = ${fmt(sha512Pass / bestCopy)}x (cp + sync)`,
        target: '',
        pass: null,
      },
      {
        metric:
          'two-core floor (half the one-thread floor, and no less than the SHA-512 pass) / (cp + sync): ' +
          'the least ratio this machine allows',
        value: `${fmt(twoCoreFloor)} s = ${fmt(twoCoreFloor / bestCopy)}x`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil add time / two-core floor (reported)',
        value: `${fmt(bestAdd.seconds / twoCoreFloor)}x`,
        target: '',
        pass: null,
      },
      {
        metric: `sha256sum + sha512sum + age -r, ${size} (best of ${RUNS})`,
        value:
          `${fmt(bestTools.seconds)} s = ${fmt(bestTools.sha256)} + ${fmt(bestTools.sha512)} + ` +
          `${fmt(bestTools.age)} s`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil add / (sha256sum + sha512sum + age) throughput',
        value: `${fmt(toolsRatio)}x`,
        target: `>= ${fmt(TOOLS_TARGET, 1)}x`,
        pass: toolsRatio >= TOOLS_TARGET,
      },
      {
        metric: 'vigil add peak RSS (status baseline)',
        value: `${fmtMib(peakAdd)} (${fmtMib(baseline)})`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil add peak RSS growth',
        value: fmtMib(growth),
        target: `< ${fmtMib(MEMORY_GROWTH_LIMIT)}`,
        pass: Number.isFinite(growth) && growth < MEMORY_GROWTH_LIMIT,
      },
    ],
    notes: [
      `load average (1 min) at the start of each run: ${m.loads.map((l) => fmt(l)).join(', ')}; now ${os
        .loadavg()
        .map((l) => fmt(l))
        .join(' ')}`,
      `each run: vigil add ${m.vigil.map((v) => `${fmt(v.add.seconds)} s`).join(', ')}; cp + sync ` +
        `${m.copies.map((t) => `${fmt(t)} s`).join(', ')}; tools ` +
        `${m.tools.map((t) => `${fmt(t.seconds)} s`).join(', ')}; floor ${m.floors.map((f) => `${fmt(f.total)} s (SHA-512 ${fmt(f.sha512)} s)`).join(', ')}`,
      'vigil add times the whole command (node start, fast-KDF unlock, SHA-256 + SHA-512 + age encryption, ' +
        'fsync, commit); the hashing tools do not fsync, cp + sync does',
    ],
  };
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) * MIB : GIB));

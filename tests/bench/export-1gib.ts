// Benchmark: export of a case holding ~1 GiB of items (decrypt from the vault,
// BagIt, tar, age, package SHA-256, fsync) against the same work done with the standard tools,
// against bare `tar cf - | age -r` on the plaintext, and against the measured floor of the
// cryptography an export cannot skip. Vigil's side runs as the app runs it: in the core host, a process of its
// own, which stores the items and then exports them (packages:export).
// Run alone with: npx tsx tests/bench/export-1gib.ts [MiB]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createAgeDecryptStream,
  createAgeEncryptStream,
  encodeIdentity,
  generateX25519Identity,
  parseIdentity,
  parseRecipient,
} from '../../main/crypto/age';
import { loadSodium } from '../../main/crypto/sodium';
import { createVault } from '../../main/vault/create';
import {
  BENCH_PASSPHRASE,
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
  settleInputs,
  timed,
  type BenchResult,
  writeRandomFile,
} from './lib';
import {
  grantFiles,
  grantFolder,
  grantSave,
  ok,
  processCpuSeconds,
  processRssBytes,
  startHostedCore,
  type HostedBenchCore,
} from './hosted-core';

const FILES = 8;
const RUNS = 3;
const MEMORY_GROWTH_LIMIT = 200 * MIB;
/** Plaintext the floor is measured on, then scaled to the export's size (kept in memory). */
const FLOOR_SAMPLE = 128 * MIB;

/**
 * The standard tools doing an export's work: decrypt each stored object into a bag folder, hash the items, tar and
 * encrypt, hash the package.
 */
const TOOLS_EXPORT = `set -e
dir="$1"; id="$2"; rcpt="$3"; out="$4"; shift 4
bag="$dir/tools-bag"; mkdir -p "$bag/data/items"
n=0; for obj in "$@"; do n=$((n+1)); age -d -i "$id" -o "$bag/data/items/item-$n" "$obj"; done
(cd "$bag" && sha256sum data/items/* > manifest-sha256.txt)
tar cf - -C "$dir" tools-bag | age -r "$rcpt" -o "$out"
sha256sum "$out" > /dev/null`;

/** Peak RSS growth of process `pid` over its baseline while `fn` runs, sampled every 20 ms. */
async function withPeakRss<T>(pid: number, fn: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const baseline = processRssBytes(pid);
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, processRssBytes(pid));
  }, 20);
  try {
    const value = await fn();
    return { value, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

/** Unlocks the vault in `dir` in the core host, the folder granted as the folder dialog would. */
async function unlockIn(core: HostedBenchCore, dir: string): Promise<void> {
  ok(await core.call('vault:unlock', { folder: await grantFolder(core, dir), passphrase: BENCH_PASSPHRASE }), 'unlock');
}

/** What one export in the core host cost: wall seconds, the host's CPU seconds and its peak RSS growth. */
interface HostedExport {
  seconds: number;
  cpu: number;
  growth: number;
}

/** Exports the case once in `core` to `output` (the vault's objects settled first), then removes what it wrote. */
async function exportInHost(
  core: HostedBenchCore,
  caseId: string,
  recipient: string,
  output: string,
  objects: string[],
): Promise<HostedExport> {
  const grant = await grantSave(core, output);
  await settleInputs(objects);
  const cpuBefore = processCpuSeconds(core.pid);
  const base = path.basename(output, '.tar.age');
  const measured = await withPeakRss(core.pid, () =>
    timed(async () =>
      ok(
        await core.call('packages:export', {
          caseId,
          profile: { kind: 'full' },
          recipients: [recipient],
          output: grant,
          taskId: `bench-export-${base}`,
        }),
        'export',
      ),
    ),
  );
  const cpu = processCpuSeconds(core.pid) - cpuBefore;
  const dir = path.dirname(output);
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith(`${base}.`)))
    fs.rmSync(path.join(dir, f), { force: true });
  return { seconds: measured.value.seconds, cpu, growth: measured.growth };
}

/** The 1-minute load average, as printed beside each run. */
function load(): number {
  return os.loadavg()[0] ?? Number.NaN;
}

/** Runs the benchmark on `bytes` of items (1 GiB by default) split over eight files. */
export async function run(bytes = GIB): Promise<BenchResult> {
  requireTools('tar', 'age', 'age-keygen', 'sha256sum');
  const dir = makeTempDir();
  try {
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(dir, `item-${i}.bin`);
      writeRandomFile(file, Math.floor(bytes / FILES));
      files.push(file);
    }
    await runChild('age-keygen', ['-o', path.join(dir, 'key.txt')]);
    const recipient = (await runChild('age-keygen', ['-y', path.join(dir, 'key.txt')])).stdout.trim();
    const parsed = parseRecipient(recipient);
    if (parsed.kind !== 'x25519') throw new Error('age-keygen gave no X25519 recipient');
    const sodium = await loadSodium();
    const vaultDir = path.join(dir, 'vault');
    const made = await createVault(vaultDir, {
      memberName: 'Bench',
      passphrase: BENCH_PASSPHRASE,
      kdf: { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN },
    });
    // The blob identity as `vigil reveal-keys` prints it, for the standard tools' `age -d`.
    const identityFile = path.join(dir, 'blob-identity.txt');
    const blobIdentity = made.vault.blobs.identity();
    if (blobIdentity.kind !== 'x25519') throw new Error('the blob identity is not X25519');
    fs.writeFileSync(identityFile, `${encodeIdentity(blobIdentity.secretKey)}\n`, { mode: 0o600 });
    await made.vault.close();
    const settingsDir = path.join(dir, 'settings');
    fs.mkdirSync(settingsDir);
    const m: Measured = {
      bare: [],
      tools: [],
      vigil: [],
      floor: [],
      loads: [],
      growth: 0,
      cpu: { bare: [], vigil: [] },
      afterStore: null,
    };
    // As the app runs it: the core in a process of its own. One host stores the items (as in an earlier session of
    // the app) and exports once at once, a figure reported only: a process that has just stored large files runs
    // many more garbage collections (docs/bench-export-ingest.md).
    const storing = await startHostedCore(settingsDir);
    let caseId: string;
    let vaultObjects: string[];
    try {
      await unlockIn(storing, vaultDir);
      caseId = ok<{ id: string }>(
        await storing.call('cases:create', { title: 'Bench case', reference: 'BENCH-1' }),
        'case',
      ).id;
      ok(
        await storing.call('items:add-files', { caseId, files: await grantFiles(storing, files), taskId: 'bench-add' }),
        'add',
      );
      vaultObjects = fs
        .readdirSync(path.join(vaultDir, 'blobs'), { recursive: true, encoding: 'utf8' })
        .map((p) => path.join(vaultDir, 'blobs', p))
        .filter((p) => p.endsWith('.age'));
      if (vaultObjects.length !== FILES)
        throw new Error(`the vault holds ${vaultObjects.length} objects, not ${FILES}`);
      m.afterStore = await exportInHost(
        storing,
        caseId,
        recipient,
        path.join(dir, 'after-store.tar.age'),
        vaultObjects,
      );
      ok(await storing.call('vault:lock', {}), 'lock');
    } finally {
      await storing.dispose();
    }
    // The measured exports: a host that has unlocked the vault, as when the app is started to send a case.
    const core = await startHostedCore(settingsDir);
    try {
      await unlockIn(core, vaultDir);
      for (let i = 0; i < RUNS; i++) {
        const runBare = async (): Promise<void> => {
          const out = path.join(dir, `bare-${i}.tar.age`);
          await settleInputs(files);
          const run = await runChild('sh', [
            '-c',
            'cd "$1" && tar cf - item-*.bin | age -r "$2" -o "$3"',
            'sh',
            dir,
            recipient,
            out,
          ]);
          m.bare.push(run.seconds);
          if (run.cpuSeconds !== null) m.cpu.bare.push(run.cpuSeconds);
          fs.rmSync(out, { force: true });
        };
        const runTools = async (): Promise<void> => {
          const out = path.join(dir, `tools-${i}.tar.age`);
          await settleInputs(vaultObjects);
          m.tools.push(
            (await runChild('sh', ['-c', TOOLS_EXPORT, 'sh', dir, identityFile, recipient, out, ...vaultObjects]))
              .seconds,
          );
          fs.rmSync(out, { force: true });
          fs.rmSync(path.join(dir, 'tools-bag'), { recursive: true, force: true });
        };
        const runVigil = async (): Promise<void> => {
          const run = await exportInHost(core, caseId, recipient, path.join(dir, `vigil-${i}.tar.age`), vaultObjects);
          m.vigil.push(run.seconds);
          m.cpu.vigil.push(run.cpu);
          m.growth = Math.max(m.growth, run.growth);
        };
        const runFloor = async (): Promise<void> => {
          m.floor.push(await cryptoFloorSeconds(bytes));
        };
        // Alternating the order, so no side always meets the machine in the same state.
        const steps = [runVigil, runTools, runBare, runFloor];
        m.loads.push(load());
        for (const step of i % 2 === 0 ? steps : steps.reverse()) await step();
      }
      ok(await core.call('vault:lock', {}), 'lock');
    } finally {
      await core.dispose();
    }
    return report(bytes, m);
  } finally {
    removeTempDir(dir);
  }
}

/** A sink that drops what it is given, hashing it first when asked. */
function sink(hash?: ReturnType<typeof createHash>): Writable {
  return new Writable({
    highWaterMark: MIB,
    write(chunk: Buffer, _enc, done) {
      hash?.update(chunk);
      done();
    },
  });
}

/**
 * Wall seconds, measured here in one thread with the project's own age code, of the
 * cryptography an export of `bytes` cannot skip: one age decryption (out of the vault), one
 * age encryption (into the package) and the package's SHA-256 (for the receipt). Measured on
 * FLOOR_SAMPLE bytes held in memory (no disk), then scaled.
 */
async function cryptoFloorSeconds(bytes: number): Promise<number> {
  const id = generateX25519Identity();
  const recipients = [parseRecipient(id.recipient)];
  const plain = Array.from({ length: FLOOR_SAMPLE / MIB }, () => Buffer.alloc(MIB, 7));
  const sealed: Buffer[] = [];
  await pipeline(
    Readable.from(plain),
    createAgeEncryptStream(recipients),
    new Writable({
      write(c: Buffer, _e, done) {
        sealed.push(c);
        done();
      },
    }),
  );
  const started = process.hrtime.bigint();
  await pipeline(Readable.from(sealed), createAgeDecryptStream([parseIdentity(id.identity)]), sink());
  await pipeline(Readable.from(plain), createAgeEncryptStream(recipients), sink(createHash('sha256')));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return seconds * (bytes / FLOOR_SAMPLE);
}

interface Measured {
  /** Bare `tar cf - | age -r` on the plaintext files. */
  bare: number[];
  /** The standard tools doing the export's work (TOOLS_EXPORT). */
  tools: number[];
  vigil: number[];
  /** The cryptography floor, measured once a run. */
  floor: number[];
  /** The 1-minute load average at the start of each run. */
  loads: number[];
  growth: number;
  /** CPU seconds (user + system, all threads and child processes) of each run. */
  cpu: { bare: number[]; vigil: number[] };
  /** The one export at once in the host that had just stored the items (reported). */
  afterStore: HostedExport | null;
}

function report(bytes: number, m: Measured): BenchResult {
  const best = (values: number[]): number => Math.min(...values);
  const [bare, tools, vigil, floor] = [best(m.bare), best(m.tools), best(m.vigil), best(m.floor)];
  const toolsRatio = tools / vigil;
  const bareRatio = bare / vigil;
  const floorRatio = vigil / floor;
  const size = `${fmt(bytes / MIB, 0)} MiB`;
  const cores = os.availableParallelism();
  const cpuText = (values: number[]): string => (values.length === 0 ? 'n/a' : `${fmt(Math.min(...values))} s`);
  const list = (values: number[]): string => values.map((t) => `${fmt(t)} s`).join(', ');
  return {
    name: 'export-1gib',
    figures: [
      {
        metric: `vigil export in the core host (packages:export), ${size} (best of ${RUNS})`,
        value: `${fmt(vigil)} s, ${fmt(mbps(bytes, vigil), 0)} MB/s`,
        target: '',
        pass: null,
      },
      ...(m.afterStore === null
        ? []
        : [
            {
              metric: 'vigil export at once in the host that has just stored the items (one run, reported)',
              value:
                `${fmt(m.afterStore.seconds)} s = ${fmt(bare / m.afterStore.seconds)}x bare tar | age, ` +
                `CPU ${fmt(m.afterStore.cpu)} s`,
              target: '',
              pass: null,
            },
          ]),
      {
        metric: `standard tools doing the same work (age -d each object, sha256sum, tar | age -r, sha256sum), ${size}`,
        value: `${fmt(tools)} s`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil export / standard tools (same work) throughput',
        value: `${fmt(toolsRatio)}x`,
        target: '>= 1.20x',
        pass: toolsRatio >= 1.2,
      },
      {
        metric: `bare tar cf - | age -r on the plaintext, ${size}`,
        value: `${fmt(bare)} s, ${fmt(mbps(bytes, bare), 0)} MB/s`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil export / bare (tar | age) throughput',
        value: `${fmt(bareRatio)}x`,
        target: '>= 0.60x',
        pass: bareRatio >= 0.6,
      },
      {
        metric: 'cryptography floor (age decrypt + age encrypt + package SHA-256, one thread, in memory)',
        value: `${fmt(floor)} s`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil export wall time / floor',
        value: `${fmt(floorRatio)}x`,
        target: '<= 1.50x',
        pass: floorRatio <= 1.5,
      },
      {
        metric: 'CPU time (user + system), least of the runs: tar | age / vigil (reported)',
        value: `${cpuText(m.cpu.bare)} / ${cpuText(m.cpu.vigil)} (${cores} cores)`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil export peak RSS growth',
        value: fmtMib(m.growth),
        target: `< ${fmtMib(MEMORY_GROWTH_LIMIT)}`,
        pass: m.growth < MEMORY_GROWTH_LIMIT,
      },
    ],
    notes: [
      `load average (1 min) at the start of each run: ${m.loads.map((l) => fmt(l)).join(', ')}; now ${os
        .loadavg()
        .map((l) => fmt(l))
        .join(' ')}`,
      `each run: vigil ${list(m.vigil)}; standard tools ${list(m.tools)}; bare tar | age ${list(m.bare)}; ` +
        `floor ${list(m.floor)}`,
      'vigil exports in a core host process, as the app does, one that has unlocked the vault (another stored the ' +
        "items); its CPU time and memory are that process's",
      'vigil decrypts each item from the vault (its age header checked against the one bound to its record), ' +
        'packs the bag, signs, encrypts, hashes the package and fsyncs it; the tools do not fsync',
      'the standard tools write the decrypted bag to the same disk; bare tar | age reads plaintext, encrypts ' +
        'once and hashes nothing',
      'before each timed run its inputs are settled (sync, then read into the page cache); the order of the ' +
        'sides alternates from run to run',
    ],
  };
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) * MIB : GIB));

// Benchmark: export of a case holding ~1 GiB of items (`exportPackage`: decrypt from the vault,
// SHA-256 checked against the record, BagIt, tar, age, package SHA-256, fsync) against `tar cf - <the same plaintext files> | age -r R`.
// Run alone with: npx tsx tests/bench/export-1gib.ts [MiB]
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRecipient } from '../../main/crypto/age';
import { loadSodium } from '../../main/crypto/sodium';
import { createCase } from '../../main/evidence/cases';
import { addFileItem } from '../../main/evidence/item-ingest';
import { exportPackage } from '../../main/packages/export/export';
import { createVault } from '../../main/vault/create';
import { BENCH_PASSPHRASE, fmt, fmtMib, GIB, makeTempDir, mbps, MIB, removeTempDir, requireTools, runChild, runStandalone, settleInputs, timed, type BenchResult, writeRandomFile } from './lib';

const FILES = 8;
const RUNS = 3;
const MEMORY_GROWTH_LIMIT = 200 * MIB;


/** Peak RSS growth over the baseline while `fn` runs, sampled every 20 ms. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await fn();
    return { value, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

/** Runs the benchmark on `bytes` of items (1 GiB by default) split over eight files. */
export async function run(bytes = GIB): Promise<BenchResult> {
  requireTools('tar', 'age', 'age-keygen');
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
    const { vault } = await createVault(path.join(dir, 'vault'), { memberName: 'Bench', passphrase: BENCH_PASSPHRASE, kdf: { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN } });
    const tools: number[] = [];
    const cpu = { tools: [] as number[], vigil: [] as number[] };
    const toolsSynced: number[] = [];
    const vigil: number[] = [];
    let growth = 0;
    try {
      const c = createCase(vault, { title: 'Bench case', reference: 'BENCH-1' });
      for (const file of files) await addFileItem(vault, file, { caseId: c.id, extract: false });
      const vaultObjects = fs.readdirSync(path.join(dir, 'vault', 'blobs'), { recursive: true, encoding: 'utf8' }).map((p) => path.join(dir, 'vault', 'blobs', p)).filter((p) => p.endsWith('.age'));
      for (let i = 0; i < RUNS; i++) {
        const toolsOut = path.join(dir, `tools-${i}.tar.age`);
        const script = 'cd "$1" && tar cf - item-*.bin | age -r "$2" -o "$3"';
        const runTools = async (): Promise<void> => {
          await settleInputs(files);
          const run = await runChild('sh', ['-c', script, 'sh', dir, recipient, toolsOut]);
          tools.push(run.seconds);
          if (run.cpuSeconds !== null) cpu.tools.push(run.cpuSeconds);
          fs.rmSync(toolsOut, { force: true });
          // The same pipeline made durable like ours (its output flushed to disk), for context only: the target compares with the plain one.
          await settleInputs(files);
          toolsSynced.push((await runChild('sh', ['-c', `${script} && sync "$3"`, 'sh', dir, recipient, toolsOut])).seconds);
          fs.rmSync(toolsOut, { force: true });
        };
        const runVigil = async (): Promise<void> => {
          const output = path.join(dir, `vigil-${i}.tar.age`);
          await settleInputs(vaultObjects);
          const cpuBefore = process.cpuUsage();
          const measured = await withPeakRss(() => timed(() => exportPackage(vault, { caseId: c.id, recipients: [parsed.publicKey], profile: 'full', output })));
          vigil.push(measured.value.seconds);
          const used = process.cpuUsage(cpuBefore);
          cpu.vigil.push((used.user + used.system) / 1e6);
          growth = Math.max(growth, measured.growth);
          for (const f of [output, output.replace(/\.tar\.age$/, '.receipt.txt'), output.replace(/\.tar\.age$/, '.receipt.txt.minisig')]) fs.rmSync(f, { force: true });
        };
        // Alternating which goes first, so neither always meets the machine in the same state.
        for (const step of i % 2 === 0 ? [runTools, runVigil] : [runVigil, runTools]) await step();
      }
    } finally {
      await vault.close();
    }
    return report(bytes, { tools, toolsSynced, vigil, growth, cpu, floor: cryptoFloorSeconds(bytes) });
  } finally {
    removeTempDir(dir);
  }
}

/**
 * CPU seconds, measured here, of the cryptography an export of `bytes` cannot skip: decrypting
 * from the vault and encrypting the package (ChaCha20-Poly1305, timed as encryption, which costs
 * the same), the SHA-256 of the items (checked against the record) and of the package.
 */
function cryptoFloorSeconds(bytes: number): number {
  const piece = randomBytes(64 * 1024);
  const key = randomBytes(32);
  const nonce = Buffer.alloc(12);
  const sample = 128 * MIB;
  const items = createHash('sha256');
  const pkg = createHash('sha256');
  const started = process.cpuUsage();
  for (let done = 0; done < sample; done += piece.length) {
    for (const hash of [items, pkg]) {
      const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
      hash.update(cipher.update(piece));
      cipher.final();
    }
  }
  items.digest();
  pkg.digest();
  const used = process.cpuUsage(started);
  return ((used.user + used.system) / 1e6) * (bytes / sample);
}

interface Measured {
  tools: number[];
  toolsSynced: number[];
  vigil: number[];
  growth: number;
  /** CPU seconds (user + system, all threads and child processes) of each run. */
  cpu: { tools: number[]; vigil: number[] };
  floor: number;
}

function report(bytes: number, m: Measured): BenchResult {
  const bestTools = Math.min(...m.tools);
  const bestSynced = Math.min(...m.toolsSynced);
  const bestVigil = Math.min(...m.vigil);
  const ratio = mbps(bytes, bestVigil) / mbps(bytes, bestTools);
  const size = `${fmt(bytes / MIB, 0)} MiB`;
  const cores = os.availableParallelism();
  const cpuText = (values: number[]): string => (values.length === 0 ? 'n/a' : `${fmt(Math.min(...values))} s`);
  return {
    name: 'export-1gib',
    figures: [
      { metric: `tar cf - | age -r, ${size} (best of ${RUNS})`, value: `${fmt(bestTools)} s, ${fmt(mbps(bytes, bestTools), 0)} MB/s`, target: '', pass: null },
      { metric: `vigil exportPackage, ${size} (best of ${RUNS})`, value: `${fmt(bestVigil)} s, ${fmt(mbps(bytes, bestVigil), 0)} MB/s`, target: '', pass: null },
      { metric: 'vigil export / (tar | age) throughput', value: `${fmt(ratio)}x`, target: '>= 1.00x', pass: ratio >= 1 },
      { metric: `tar | age -r then sync, ${size} (best of ${RUNS}; reported)`, value: `${fmt(bestSynced)} s`, target: '', pass: null },
      { metric: 'vigil export / (tar | age + sync) throughput (reported)', value: `${fmt(bestSynced / bestVigil)}x`, target: '', pass: null },
      { metric: 'CPU time (user + system), least of the runs: tar | age / vigil (reported)', value: `${cpuText(m.cpu.tools)} / ${cpuText(m.cpu.vigil)}`, target: '', pass: null },
      { metric: `cryptography an export cannot skip, CPU time; over ${cores} cores (reported)`, value: `${fmt(m.floor)} s; ${fmt(m.floor / cores)} s`, target: '', pass: null },
      { metric: 'vigil export peak RSS growth', value: fmtMib(m.growth), target: `< ${fmtMib(MEMORY_GROWTH_LIMIT)}`, pass: m.growth < MEMORY_GROWTH_LIMIT },
    ],
    notes: [
      `each run: tools ${m.tools.map((t) => `${fmt(t)} s`).join(', ')}; tools + sync ${m.toolsSynced.map((t) => `${fmt(t)} s`).join(', ')}; vigil ${m.vigil.map((t) => `${fmt(t)} s`).join(', ')}`,
      'vigil decrypts each item from the vault, checks its SHA-256 against the record (the manifest takes the recorded SHA-512), signs, encrypts, hashes the package and fsyncs it (sealing runs in a worker thread); tar | age reads plaintext and does not fsync',
      'the cryptography an export cannot skip: ChaCha20-Poly1305 twice (out of the vault, into the package) and SHA-256 twice (the items, checked against the record; the package, for the receipt); tar | age encrypts once and hashes nothing',
      'before each timed run both sides start alike: sync, then their input files read into the page cache; the order alternates from run to run',
    ],
  };
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) * MIB : GIB));

// Benchmark: `vigil status` end to end on a vault with 100,000 custody entries, against the
// Argon2id unlock alone (default MODERATE limits). Run alone with: npx tsx tests/bench/status-100k.ts [entries]
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CustodyRecord } from '../../main/custody/log-store';
import { createVault } from '../../main/vault/create';
import { readVaultHeader, type VaultHeader } from '../../main/vault/keys/header';
import { unlockWithSecret } from '../../main/vault/keys/slots';
import {
  BENCH_PASSPHRASE,
  fmt,
  makeTempDir,
  median,
  removeTempDir,
  requireTools,
  runChild,
  runStandalone,
  runVigil,
  secondsSince,
  timed,
  type BenchResult,
} from './lib';

const DEFAULT_ENTRIES = 100_000;
const PER_TRANSACTION = 2_000;
const RUNS = 5;
const BUDGET_SECONDS = 1;

function record(i: number): CustodyRecord {
  const hash = createHash('sha256').update(String(i)).digest('hex');
  return { action: 'item.opened', subject: `bench-${String(i).padStart(8, '0')}`, hash, data: { purpose: 'cat' } };
}

/** A vault with the default Argon2id limits and `entries` custody entries in all (appended in big transactions). */
async function buildVault(dir: string, entries: number): Promise<{ vaultId: string; seconds: number }> {
  const { vault } = await createVault(dir, { memberName: 'Bench', passphrase: BENCH_PASSPHRASE });
  const started = process.hrtime.bigint();
  try {
    // createVault already wrote entry 0 (vault.created).
    for (let done = 1; done < entries;) {
      const n = Math.min(PER_TRANSACTION, entries - done);
      const first = done;
      vault.change(() => ({ result: null, custody: Array.from({ length: n }, (_, i) => record(first + i)) }));
      done += n;
    }
    return { vaultId: vault.vaultId, seconds: secondsSince(started) };
  } finally {
    await vault.close();
  }
}

/** Seconds of one `vigil status <dir>` run as a separate process, after checking it reports `entries`. */
async function statusSeconds(dir: string, entries: number): Promise<number> {
  const run = await runVigil(['status', dir]);
  if (!run.stdout.includes(`Custody log: ${entries} entries`))
    throw new Error(`vigil status did not report ${entries} entries:\n${run.stdout}`);
  return run.seconds;
}

/** Seconds of Argon2id alone: unlockWithSecret on the vault's header, in this (warm) process. */
async function unlockSeconds(header: VaultHeader): Promise<number> {
  const { seconds, value } = await timed(() => unlockWithSecret(header, { passphrase: BENCH_PASSPHRASE }));
  value.masterKey.fill(0);
  value.signingSeed?.fill(0);
  return seconds;
}

// One Argon2id of the slot's limits in a plain fresh `node`, timed inside it (no tsx, no bundle).
const COLD_ARGON2ID = `
const [lib, slot, pass] = process.argv.slice(1);
const sodium = require(lib);
sodium.ready.then(() => {
  const kdf = JSON.parse(slot);
  const salt = new Uint8Array(Buffer.from(kdf.salt, 'base64'));
  const started = process.hrtime.bigint();
  sodium.crypto_pwhash(32, new TextEncoder().encode(pass), salt, kdf.opslimit, kdf.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e9));
});`;

/**
 * Seconds of one Argon2id with the vault's passphrase-slot limits in a fresh Node process: what
 * the CLI pays. A fresh process runs libsodium's WebAssembly on V8's baseline tier (Liftoff)
 * first, so its single Argon2id is slower than the warmed-up calls of this process.
 */
async function coldArgon2idSeconds(header: VaultHeader): Promise<number> {
  // vault.json no longer says which slot is a passphrase's; every slot of a vault gets the same limits.
  const slot = header.slots[0];
  if (!slot) throw new Error('the benchmark vault has no key slot');
  const run = await runChild(process.execPath, [
    '-e',
    COLD_ARGON2ID,
    require.resolve('libsodium-wrappers-sumo'),
    JSON.stringify(slot.kdf),
    BENCH_PASSPHRASE,
  ]);
  const seconds = Number(run.stdout.trim());
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`the Argon2id child printed no time: ${run.stdout} ${run.stderr}`);
  return seconds;
}

/** Runs the benchmark with a vault of `entries` custody entries (100,000 by default). */
export async function run(entries = DEFAULT_ENTRIES): Promise<BenchResult> {
  requireTools();
  const dir = makeTempDir();
  try {
    const big = path.join(dir, 'big');
    const small = path.join(dir, 'small');
    const built = await buildVault(big, entries);
    await buildVault(small, 1);
    const header = await readVaultHeader(big);
    const bigTimes: number[] = [];
    const smallTimes: number[] = [];
    const warm: number[] = [];
    const cold: number[] = [];
    // Interleaved, so a burst of load on the machine falls on every measure alike.
    for (let i = 0; i < RUNS; i++) {
      bigTimes.push(await statusSeconds(big, entries));
      smallTimes.push(await statusSeconds(small, 1));
      warm.push(await unlockSeconds(header));
      cold.push(await coldArgon2idSeconds(header));
    }
    return report(entries, built.seconds, { bigTimes, smallTimes, warm, cold });
  } finally {
    removeTempDir(dir);
  }
}

function report(
  entries: number,
  buildSeconds: number,
  t: { bigTimes: number[]; smallTimes: number[]; warm: number[]; cold: number[] },
): BenchResult {
  const status = median(t.bigTimes);
  const argon = median(t.cold);
  const budget = BUDGET_SECONDS + argon;
  const list = (xs: number[]): string => xs.map((x) => fmt(x)).join(', ');
  return {
    name: 'status-100k',
    figures: [
      {
        metric: `build: ${entries} entries, ${PER_TRANSACTION} per transaction`,
        value: `${fmt(buildSeconds, 1)} s (${fmt(entries / buildSeconds, 0)} entries/s)`,
        target: '',
        pass: null,
      },
      {
        metric: `Argon2id alone, MODERATE, warm process (median of ${RUNS})`,
        value: `${fmt(median(t.warm))} s`,
        target: '',
        pass: null,
      },
      {
        metric: `Argon2id alone, MODERATE, fresh process (median of ${RUNS})`,
        value: `${fmt(argon)} s`,
        target: '',
        pass: null,
      },
      {
        metric: `vigil status, 1-entry vault (median of ${RUNS})`,
        value: `${fmt(median(t.smallTimes))} s`,
        target: '',
        pass: null,
      },
      {
        metric: `vigil status, ${entries}-entry vault (median of ${RUNS})`,
        value: `${fmt(status)} s`,
        target: `< ${fmt(budget)} s (1 s + Argon2id)`,
        pass: status < budget,
      },
    ],
    notes: [
      `status runs: ${entries} entries ${list(t.bigTimes)} s; 1 entry ${list(t.smallTimes)} s`,
      `Argon2id runs: warm ${list(t.warm)} s; fresh process ${list(t.cold)} s (the budget uses the ` +
        `fresh-process figure, as the CLI pays it)`,
    ],
  };
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) : DEFAULT_ENTRIES));

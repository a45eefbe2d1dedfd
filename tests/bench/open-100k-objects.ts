// Benchmark: what unlocking pays to put right what a crash left (recoverOnOpen: the header,
// blobs/staged/, interrupted exports) on a vault of 100,000 stored objects, against sweeping
// the whole store for unreferenced objects as `verify --repair` does.
// Run alone with: npx tsx tests/bench/open-100k-objects.ts [objects]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadSodium } from '../../main/crypto/sodium';
import { createVault } from '../../main/vault/create';
import { openVault } from '../../main/vault/open';
import { recoverOnOpen } from '../../main/vault/open-recovery';
import type { Vault } from '../../main/vault/vault';
import {
  BENCH_PASSPHRASE,
  fmt,
  makeTempDir,
  median,
  removeTempDir,
  runStandalone,
  timed,
  type BenchResult,
} from './lib';

const DEFAULT_OBJECTS = 100_000;
const RUNS = 7;
/** Objects a crash leaves in staged/ for the second measure: half recorded, half not. */
const STAGED = 200;
const BUDGET_MS = 50;

/**
 * `objects` object rows with a file each under blobs/xx/ (empty: unlocking never reads an
 * object's content), as a store of that size presents itself to the file system and the database.
 */
async function buildVault(dir: string, objects: number): Promise<string[]> {
  const sodium = await loadSodium();
  const kdf = { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN };
  const { vault } = await createVault(dir, { memberName: 'Bench', passphrase: BENCH_PASSPHRASE, kdf });
  const ids = Array.from({ length: objects }, () => randomBytes(16).toString('hex'));
  try {
    const insert = vault.db.prepare(
      'INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES (?, ?, ?, 0, ?)',
    );
    vault.db.transaction(() => {
      for (const id of ids)
        insert.run(id, randomBytes(32).toString('hex'), randomBytes(64).toString('hex'), new Date().toISOString());
    })();
    for (const id of ids) {
      fs.mkdirSync(path.dirname(vault.blobs.pathOf(id)), { recursive: true });
      fs.writeFileSync(vault.blobs.pathOf(id), '');
    }
  } finally {
    await vault.close();
  }
  return ids;
}

/** Seconds of the full sweep an unlock would pay without staged/: list every object file and every row. */
async function fullSweepSeconds(vault: Vault): Promise<number> {
  const { seconds } = await timed(async () => {
    const known = new Set(vault.db.prepare('SELECT id FROM objects').pluck().all() as string[]);
    return (await vault.blobs.scan()).ids.filter((id) => !known.has(id)).length;
  });
  return seconds;
}

/** Leaves what a crash would in staged/: `n / 2` recorded objects not yet moved, `n / 2` never recorded. */
function leaveStaged(vault: Vault, ids: string[], n: number): void {
  fs.mkdirSync(path.dirname(vault.blobs.stagedPathOf(ids[0] ?? '')), { recursive: true });
  for (const id of ids.slice(0, n / 2)) fs.renameSync(vault.blobs.pathOf(id), vault.blobs.stagedPathOf(id));
  for (let i = 0; i < n / 2; i++) fs.writeFileSync(vault.blobs.stagedPathOf(randomBytes(16).toString('hex')), '');
}

/** Runs the benchmark on a vault of `objects` objects (100,000 by default). */
export async function run(objects = DEFAULT_OBJECTS): Promise<BenchResult> {
  const dir = makeTempDir();
  try {
    const vaultDir = path.join(dir, 'vault');
    const ids = await buildVault(vaultDir, objects);
    const vault = await openVault(vaultDir, { passphrase: BENCH_PASSPHRASE });
    const quiet: number[] = [];
    const sweep: number[] = [];
    let settle = 0;
    let settled = '';
    try {
      for (let i = 0; i < RUNS; i++) {
        quiet.push((await timed(() => recoverOnOpen(vaultDir, vault.db, vault.blobs))).seconds);
        sweep.push(await fullSweepSeconds(vault));
      }
      leaveStaged(vault, ids, STAGED);
      const t = await timed(() => recoverOnOpen(vaultDir, vault.db, vault.blobs));
      settle = t.seconds;
      settled = `${t.value.objects.published} published, ${t.value.objects.removed} removed`;
    } finally {
      await vault.close();
    }
    const ms = (s: number): string => `${fmt(s * 1000, 1)} ms`;
    const nothing = median(quiet);
    return {
      name: 'open-100k-objects',
      figures: [
        {
          metric: `unlock's crash recovery, ${objects} objects, nothing to put right (median of ${RUNS})`,
          value: ms(nothing),
          target: `< ${BUDGET_MS} ms`,
          pass: nothing * 1000 < BUDGET_MS,
        },
        {
          metric: `the same with ${STAGED} objects left in staged/ (${settled})`,
          value: ms(settle),
          target: '',
          pass: null,
        },
        {
          metric: `a sweep of the whole store for unreferenced objects (median of ${RUNS}), for comparison`,
          value: ms(median(sweep)),
          target: '',
          pass: null,
        },
      ],
      notes: [
        `runs: recovery ${quiet.map(ms).join(', ')} (best ${ms(Math.min(...quiet))}); full sweep ` +
          `${sweep.map(ms).join(', ')}`,
      ],
    };
  } finally {
    removeTempDir(dir);
  }
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) : DEFAULT_OBJECTS));

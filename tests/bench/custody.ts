// Benchmark: custody append rate through vault.record, and full-chain verification rate
// against raw libsodium Ed25519 verification of the same messages on one core.
// Run alone with: npx tsx tests/bench/custody.ts [entries]
import { createHash, createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { verifyChain, type StoredEntry } from '../../main/custody';
import { signedMessageOfText } from '../../main/custody/entry';
import { iterateStoredEntries, type CustodyRecord } from '../../main/custody/log-store';
import { loadSodium } from '../../main/crypto/sodium';
import { createVault } from '../../main/vault/create';
import { minimumKdfLimits } from '../../main/vault/keys/slots';
import type { Vault } from '../../main/vault/vault';
import {
  BENCH_PASSPHRASE,
  fmt,
  makeTempDir,
  median,
  removeTempDir,
  runStandalone,
  secondsSince,
  timed,
  type BenchResult,
} from './lib';

const DEFAULT_ENTRIES = 20_000;
const BATCH = 1_000;
const VERIFY_RUNS = 3;
const TARGET_RATIO = 0.7;

/** A record shaped like a real ingest: a subject id, a SHA-256 and a small data object. */
function benchRecord(i: number): CustodyRecord {
  const hash = createHash('sha256').update(String(i)).digest('hex');
  return { action: 'item.opened', subject: `bench-${String(i).padStart(8, '0')}`, hash, data: { purpose: 'cat' } };
}

/** Appends `count` entries, one vault.record (one transaction) each, timed per batch. */
function appendEntries(vault: Vault, count: number): { seconds: number; batchRates: number[] } {
  const batchRates: number[] = [];
  let total = 0;
  for (let done = 0; done < count;) {
    const size = Math.min(BATCH, count - done);
    const started = process.hrtime.bigint();
    for (let i = 0; i < size; i++) vault.record(benchRecord(done + i));
    const seconds = secondsSince(started);
    batchRates.push(size / seconds);
    total += seconds;
    done += size;
  }
  return { seconds: total, batchRates };
}

/** The signed messages, signatures and keys of the stored entries, decoded once for the raw loop. */
function decodeForRawVerify(rows: StoredEntry[]): { messages: Buffer[]; sigs: Buffer[]; keys: Buffer[] } {
  const keys = new Map<string, Buffer>();
  const out = { messages: [] as Buffer[], sigs: [] as Buffer[], keys: [] as Buffer[] };
  for (const row of rows) {
    const actor = (JSON.parse(row.canonical) as { actor: string }).actor;
    const key = keys.get(actor) ?? Buffer.from(actor, 'hex');
    keys.set(actor, key);
    out.messages.push(signedMessageOfText(row.canonical));
    out.sigs.push(Buffer.from(row.sig, 'base64'));
    out.keys.push(key);
  }
  return out;
}

/** Seconds for libsodium's crypto_sign_verify_detached over every message, on this one thread. */
async function rawVerifySeconds(rows: StoredEntry[]): Promise<number> {
  const sodium = await loadSodium();
  const { messages, sigs, keys } = decodeForRawVerify(rows);
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i++) {
    const [sig, message, key] = [sigs[i], messages[i], keys[i]];
    if (!sig || !message || !key || !sodium.crypto_sign_verify_detached(sig, message, key))
      throw new Error(`raw verify failed at ${i}`);
  }
  return secondsSince(started);
}

/** For comparison only: the same messages checked with Node's native Ed25519 (OpenSSL). */
function nodeVerifySeconds(rows: StoredEntry[]): number {
  const { messages, sigs, keys } = decodeForRawVerify(rows);
  const objects = new Map<Buffer, KeyObject>();
  const keyObject = (raw: Buffer): KeyObject =>
    objects.get(raw) ??
    (objects
      .set(raw, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }))
      .get(raw) as KeyObject);
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i++) {
    const [sig, message, key] = [sigs[i], messages[i], keys[i]];
    if (!sig || !message || !key || !nodeVerify(null, message, keyObject(key), sig))
      throw new Error(`node:crypto verify failed at ${i}`);
  }
  return secondsSince(started);
}

/** Runs the benchmark with `count` appended entries (20,000 by default). */
export async function run(count = DEFAULT_ENTRIES): Promise<BenchResult> {
  const dir = makeTempDir();
  try {
    const { vault } = await createVault(path.join(dir, 'vault'), {
      memberName: 'Bench',
      passphrase: BENCH_PASSPHRASE,
      kdf: await minimumKdfLimits(),
    });
    try {
      const append = appendEntries(vault, count);
      const rows = [...iterateStoredEntries(vault.db)];
      const verifies: number[] = [];
      const raws: number[] = [];
      const natives: number[] = [];
      // Interleaved so a burst of load on the machine hits both sides alike; best of each.
      for (let i = 0; i < VERIFY_RUNS; i++) {
        const { seconds, value: report } = await timed(() =>
          verifyChain(iterateStoredEntries(vault.db), { vaultId: vault.vaultId }),
        );
        if (!report.ok || report.size !== rows.length)
          throw new Error(`the chain did not verify: ${JSON.stringify(report.firstBad)}`);
        verifies.push(seconds);
        raws.push(await rawVerifySeconds(rows));
        natives.push(nodeVerifySeconds(rows));
      }
      const meanBytes = rows.reduce((sum, r) => sum + signedMessageOfText(r.canonical).length, 0) / rows.length;
      return report(count, rows.length, meanBytes, append, {
        verify: Math.min(...verifies),
        raw: Math.min(...raws),
        native: Math.min(...natives),
      });
    } finally {
      await vault.close();
    }
  } finally {
    removeTempDir(dir);
  }
}

function report(
  count: number,
  size: number,
  meanBytes: number,
  append: ReturnType<typeof appendEntries>,
  t: { verify: number; raw: number; native: number },
): BenchResult {
  const { verify, raw, native } = t;
  const verifyRate = size / verify;
  const rawRate = size / raw;
  const ratio = verifyRate / rawRate;
  return {
    name: 'custody',
    figures: [
      {
        metric: `append via vault.record, ${count} entries`,
        value: `${fmt(count / append.seconds, 0)} entries/s (${fmt(append.seconds)} s)`,
        target: '',
        pass: null,
      },
      {
        metric: `append, per ${BATCH}-entry batch (min / median)`,
        value: `${fmt(Math.min(...append.batchRates), 0)} / ${fmt(median(append.batchRates), 0)} entries/s`,
        target: '',
        pass: null,
      },
      {
        metric: `raw crypto_sign_verify_detached, ${fmt(meanBytes, 0)} B msgs`,
        value: `${fmt(rawRate, 0)} /s (${fmt(raw)} s)`,
        target: '',
        pass: null,
      },
      {
        metric: 'node:crypto Ed25519 verify, same msgs (info)',
        value: `${fmt(size / native, 0)} /s (${fmt(native)} s)`,
        target: '',
        pass: null,
      },
      {
        metric: `verifyChain over ${size} stored entries`,
        value: `${fmt(verifyRate, 0)} entries/s (${fmt(verify)} s)`,
        target: '',
        pass: null,
      },
      {
        metric: 'verifyChain / raw verify rate',
        value: `${fmt(ratio * 100, 0)}%`,
        target: `>= ${fmt(TARGET_RATIO * 100, 0)}%`,
        pass: ratio >= TARGET_RATIO,
      },
    ],
    notes: [
      'vault.record commits one SQLite transaction per entry (WAL, synchronous=FULL: one fsync each)',
      `verification: best of ${VERIFY_RUNS}, reading the rows from the encrypted database ` +
        `(iterateStoredEntries); raw verify gets pre-decoded messages`,
    ],
  };
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) : DEFAULT_ENTRIES));

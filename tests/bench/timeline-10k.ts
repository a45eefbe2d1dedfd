// Benchmark: caseTimeline on a case with 10,000 events (target < 200 ms), events recorded through
// the real addEvent service (validation, search index, signed custody entry) in batches of one
// transaction each. Run alone with: npx tsx tests/bench/timeline-10k.ts [events]
import os from 'node:os';
import path from 'node:path';
import type { EventType } from '../../shared/domain';
import { loadSodium } from '../../main/crypto/sodium';
import { addEvent } from '../../main/evidence/events';
import { recordHash } from '../../main/evidence/record-hash';
import { addRequest, answerRequest } from '../../main/evidence/requests';
import { caseTimeline } from '../../main/evidence/timeline';
import { createVault } from '../../main/vault/create';
import { openVault } from '../../main/vault/open';
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

const DEFAULT_EVENTS = 10_000;
const PER_TRANSACTION = 1_000;
const REQUESTS = 300;
const RUNS = 20;
const TARGET_MS = 200;
const AS_OF = '2030-01-01';
const TYPES: EventType[] = [
  'transfer',
  'visit_denied',
  'letter_withheld',
  'contact_lost',
  'contact_restored',
  'hearing',
  'disciplinary_cell',
  'other',
];
const PLACES = Array.from({ length: 25 }, (_, i) => `Facility ${i + 1}`);

/** A deterministic pseudo-random sequence, so every run builds the same case. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(list: readonly T[], r: number): T {
  return list[Math.floor(r * list.length)] as T;
}

/** A date between 2015 and 2029, mostly to the day, some to the month or year. */
function partialDate(rand: () => number): string {
  const iso = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 15 * 365) * 86_400_000).toISOString().slice(0, 10);
  const p = rand();
  return p < 0.8 ? iso : p < 0.95 ? iso.slice(0, 7) : iso.slice(0, 4);
}

/** Seeds a case and its people with direct INSERTs (the case and people services are not under test). */
function seedCase(vault: Vault): { caseId: string; people: string[] } {
  const caseId = 'bench-case';
  const people = ['D-001', 'D-002', 'D-003', 'R-001', 'L-001'];
  const now = new Date().toISOString();
  vault.change((db) => {
    db.prepare('INSERT INTO cases (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
      caseId,
      'Benchmark case (fictional)',
      now,
      now,
    );
    for (const code of people) {
      db.prepare('INSERT INTO people (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
        code,
        code,
        `Person ${code}`,
        now,
        now,
      );
      db.prepare('INSERT INTO case_people (case_id, person_id, role) VALUES (?, ?, ?)').run(
        caseId,
        code,
        code.startsWith('D') ? 'detainee' : code.startsWith('R') ? 'relative' : 'lawyer',
      );
    }
    return {
      result: null,
      custody: {
        action: 'case.created',
        subject: caseId,
        hash: recordHash({ caseId, people }),
        data: { people: people.length },
      },
    };
  });
  return { caseId, people };
}

/** Records `events` events and some requests through the services, PER_TRANSACTION to a transaction. */
function fill(vault: Vault, caseId: string, people: string[], events: number): void {
  const rand = rng(42);
  const detainees = people.filter((p) => p.startsWith('D'));
  for (let done = 0; done < events;) {
    const n = Math.min(PER_TRANSACTION, events - done);
    // Nested vault.change calls become savepoints of this one transaction: one commit per batch.
    vault.change(() => {
      for (let i = 0; i < n; i++) {
        addEvent(vault, {
          caseId,
          personId: rand() < 0.9 ? pick(detainees, rand()) : pick(people, rand()),
          type: pick(TYPES, rand()),
          date: partialDate(rand),
          dateApprox: rand() < 0.1,
          ...(rand() < 0.6 ? { placeName: pick(PLACES, rand()), placeType: 'prison' as const } : {}),
          description: `Event ${done + i}: recorded from a letter of the family and a lawyer's note.`,
        });
      }
      return { result: null, custody: [] };
    });
    done += n;
  }
  vault.change(() => {
    for (let i = 0; i < REQUESTS; i++) {
      const req = addRequest(vault, {
        caseId,
        personId: pick(detainees, rand()),
        requesterId: 'R-001',
        date: partialDate(rand),
        recipient: 'Prison service',
        channel: 'post',
      });
      if (rand() < 0.3)
        answerRequest(vault, req.id, {
          date: '2029-12-31',
          response: pick(['none', 'token', 'denial', 'substantive'] as const, rand()),
        });
    }
    return { result: null, custody: [] };
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs the benchmark on a case of `events` events (10,000 by default). */
export async function run(events = DEFAULT_EVENTS): Promise<BenchResult> {
  const root = makeTempDir();
  const dir = path.join(root, 'vault');
  try {
    const sodium = await loadSodium();
    // Weak limits: this benchmark measures the timeline, not the unlock.
    const kdf = { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN };
    const { vault: created } = await createVault(dir, { memberName: 'Bench', passphrase: BENCH_PASSPHRASE, kdf });
    const started = process.hrtime.bigint();
    const { caseId, people } = seedCase(created);
    fill(created, caseId, people, events);
    const buildSeconds = secondsSince(started);
    await created.close();
    // A fresh connection, so the first call reads the pages from disk through SQLCipher.
    const vault = await openVault(dir, { passphrase: BENCH_PASSPHRASE });
    try {
      const first = timed(() => caseTimeline(vault.db, caseId, { asOf: AS_OF }));
      const { seconds: coldSeconds, value: timeline } = await first;
      if (timeline.events.length !== events)
        throw new Error(`the timeline has ${timeline.events.length} events, expected ${events}`);
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const before = process.cpuUsage();
        times.push((await timed(() => caseTimeline(vault.db, caseId, { asOf: AS_OF }))).seconds * 1000);
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
      }
      return report(
        events,
        buildSeconds,
        coldSeconds * 1000,
        { times, cpu },
        timeline.detainees.map((d) => d.incommunicado.periods.length),
      );
    } finally {
      await vault.close();
    }
  } finally {
    removeTempDir(root);
  }
}

function report(
  events: number,
  buildSeconds: number,
  coldMs: number,
  t: { times: number[]; cpu: number[] },
  periods: number[],
): BenchResult {
  const { times, cpu } = t;
  const p50 = median(times);
  const p95 = percentile(times, 0.95);
  return {
    name: 'timeline-10k',
    figures: [
      {
        metric: `build: ${events} events + ${REQUESTS} requests via the services`,
        value: `${fmt(buildSeconds, 1)} s (${fmt(events / buildSeconds, 0)} events/s)`,
        target: '',
        pass: null,
      },
      {
        metric: 'caseTimeline, first call on a fresh connection',
        value: `${fmt(coldMs, 1)} ms`,
        target: '',
        pass: null,
      },
      {
        metric: `caseTimeline median of ${RUNS}`,
        value: `${fmt(p50, 1)} ms`,
        target: `< ${TARGET_MS} ms`,
        pass: p50 < TARGET_MS,
      },
      {
        metric: `caseTimeline p95 of ${RUNS}`,
        value: `${fmt(p95, 1)} ms`,
        target: `< ${TARGET_MS} ms`,
        pass: p95 < TARGET_MS,
      },
      // CPU time of this process: what the call costs when the machine is shared with other work.
      {
        metric: `caseTimeline CPU time, median / p95 of ${RUNS}`,
        value: `${fmt(median(cpu), 1)} / ${fmt(percentile(cpu, 0.95), 1)} ms`,
        target: '',
        pass: null,
      },
    ],
    notes: [
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs (wall times grow with the load of other work on the machine)`,
      `incommunicado periods per detainee: ${periods.join(', ')}`,
      `runs (ms): ${times.map((t) => fmt(t, 1)).join(', ')}`,
    ],
  };
}

runStandalone(__filename, () => run(Number(process.argv[2] ?? DEFAULT_EVENTS)));

/**
 * The calling side of the crypto worker (crypto-worker.ts). Bytes are copied into
 * 1 MiB slots of memory shared with the worker, 16 of them: a job that gets no free
 * slot makes its caller wait, so memory stays flat however large the stream, and
 * nothing is allocated per message (no garbage to collect). Workers are shared and
 * kept between operations (idle ones hold neither the process open nor their slots),
 * so an operation does not pay for starting threads each time.
 */
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, VigilError, type ErrorCode } from '../../shared/errors';
import { findWorkerEntry } from '../ingest/worker-path';
import type { FailureInfo, FromWorker, HashAlg, ToWorker } from './protocol';
import { SLOT_BYTES, SLOT_ROOM, WorkerJob, type JobResult, type SlotOwner } from './worker-job';

export { WorkerJob, type JobResult } from './worker-job';

/** Slots per worker: the bytes in flight are at most SLOTS × SLOT_BYTES. */
const SLOTS = 16;
/** How long an idle worker keeps its slots, so the files of one operation do not each make new ones. */
const SLOT_RELEASE_MS = 2000;

interface Pending {
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
}

function errorOf(f: FailureInfo): Error {
  if (f.vigilCode !== undefined && (ERROR_CODES as readonly string[]).includes(f.vigilCode))
    return new VigilError(f.vigilCode as ErrorCode, f.message);
  // The system error code survives, so callers still tell a full disk from other failures.
  const err: NodeJS.ErrnoException = new Error(f.message);
  if (f.errno !== undefined) err.code = f.errno;
  return err;
}

/** A crypto worker thread and the jobs running on it. */
export class CryptoWorker implements SlotOwner {
  private readonly jobs = new Map<number, Pending>();
  private nextJob = 1;
  private slots: Uint8Array[] = [];
  private free: number[] = [];
  private gen = 0;
  private release: NodeJS.Timeout | null = null;
  private waiters: Pending[] = [];
  private broken: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => this.receive(m));
    worker.on('error', (err) =>
      this.breakDown(new VigilError('INTERNAL', `The crypto worker failed: ${err.message}`, { cause: err })),
    );
    worker.on('exit', (code) =>
      this.breakDown(new VigilError('INTERNAL', `The crypto worker stopped (exit code ${code}).`)),
    );
    worker.unref();
  }

  /**
   * Starts a worker thread of its own; null where its code is not available, and the caller then does the work itself.
   */
  static start(dir: string = __dirname): CryptoWorker | null {
    const entry = findWorkerEntry('crypto-worker', dir);
    return entry === null ? null : new CryptoWorker(new Worker(entry.filename, entry.options));
  }

  /** Whether the thread failed or was closed (it then takes no more jobs). */
  get isBroken(): boolean {
    return this.broken !== null;
  }

  /** A digest of the bytes given to the job. */
  hash(alg: HashAlg): WorkerJob {
    return this.open((job) => ({ t: 'hash', job, alg }));
  }

  /**
   * A new file (created exclusively, 0600) holding an age file whose header and payload key the
   * caller made (`start`), flushed to disk: the job's bytes come in batches of whole chunks, each
   * plaintext the worker seals or ciphertext the caller sealed (batch-sealing.ts sends them). The
   * result is the file's SHA-256, or empty when `hashFile` is false.
   */
  sealBatches(file: string, start: { prefix: Uint8Array; key: Uint8Array }, hashFile = true): WorkerJob {
    return this.open((job) => ({ t: 'sealBatches', job, file, start, hashFile }));
  }

  /** Slots not yet acknowledged by the worker: how far it is behind. */
  get slotsInFlight(): number {
    return this.slots.length - this.free.length;
  }

  /** Stops the thread; jobs still running fail. */
  async close(): Promise<void> {
    this.breakDown(new VigilError('INTERNAL', 'The crypto worker was closed.'));
    await this.worker.terminate();
  }

  /** A free slot's number, or null when all are in flight. */
  takeSlot(): number | null {
    return this.broken ? null : (this.free.pop() ?? null);
  }

  /** The memory of a slot. */
  slotView(slot: number): Uint8Array {
    const view = this.slots[slot];
    if (view === undefined) throw new VigilError('INTERNAL', `No shared slot ${slot}.`);
    return view;
  }

  /** Frees a slot (the worker took its bytes, or it was taken and not sent). */
  giveBack(slot: number): void {
    this.free.push(slot);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve({ hex: '', bytes: 0 });
  }

  /** Resolves once a slot is free again; rejects if the worker fails. */
  slotFreed(): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.free.length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve: () => resolve(), reject }));
  }

  /** Posts a message (a slot it names was filled by the caller). */
  post(message: ToWorker): void {
    if (!this.broken) this.worker.postMessage(message);
  }

  private open(start: (job: number) => ToWorker): WorkerJob {
    const id = this.nextJob++;
    const result = new Promise<JobResult>((resolve, reject) => {
      if (this.broken) reject(this.broken);
      else this.jobs.set(id, { resolve, reject });
    });
    if (this.jobs.size === 1) this.wakeUp();
    const job = new WorkerJob(this, id, result);
    this.post(start(id));
    return job;
  }

  /**
   * Holds the process open while there is work (an await on a job needs it) and makes the slots if they were let go.
   */
  private wakeUp(): void {
    this.worker.ref();
    if (this.release !== null) clearTimeout(this.release);
    this.release = null;
    if (this.slots.length > 0) return;
    const buffers = Array.from({ length: SLOTS }, () => new SharedArrayBuffer(SLOT_BYTES + SLOT_ROOM));
    this.slots = buffers.map((b) => new Uint8Array(b));
    this.free = buffers.map((_, i) => i);
    this.post({ t: 'slots', gen: ++this.gen, slots: buffers });
  }

  private receive(m: FromWorker): void {
    if (m.t === 'ack') {
      // A late acknowledgement of a slot from an earlier set must not free one of the current set.
      if (m.gen === this.gen) this.giveBack(m.slot);
      return;
    }
    const pending = this.jobs.get(m.job);
    this.jobs.delete(m.job);
    if (m.t === 'done') pending?.resolve({ hex: m.hex, bytes: m.bytes });
    else pending?.reject(errorOf(m.failure));
    this.idleIfDone();
  }

  private idleIfDone(): void {
    if (this.jobs.size > 0) return;
    this.worker.unref();
    if (this.release !== null || this.slots.length === 0) return;
    // A worker idle for a while keeps its thread, not its memory: the slots go (the worker drops them too).
    this.release = setTimeout(() => {
      this.release = null;
      this.slots = [];
      this.free = [];
      this.post({ t: 'slots', gen: ++this.gen, slots: [] });
    }, SLOT_RELEASE_MS);
    this.release.unref();
  }

  private breakDown(err: Error): void {
    this.broken ??= err;
    for (const p of [...this.jobs.values(), ...this.waiters]) p.reject(this.broken);
    this.jobs.clear();
    this.waiters = [];
    this.idleIfDone();
  }
}

const shared: CryptoWorker[] = [];

/**
 * `count` crypto workers shared by all callers, started on first use and kept for the
 * next operation (a failed one is replaced); null where no worker code is available.
 */
export function sharedCryptoWorkers(count: number): CryptoWorker[] | null {
  for (let i = shared.length - 1; i >= 0; i--) if (shared[i]?.isBroken) shared.splice(i, 1);
  while (shared.length < count) {
    const worker = CryptoWorker.start();
    if (worker === null) return null;
    shared.push(worker);
  }
  return shared.slice(0, count);
}

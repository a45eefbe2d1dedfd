/**
 * A sealed file (see sealed-file.ts) whose encryption is shared between this thread and a
 * crypto worker. age payload chunks are independent, so the plaintext is cut into batches
 * of whole chunks (one shared slot each, 1 MiB): a batch is either handed to the worker as
 * plaintext, which seals it, or sealed here in its slot and handed over as ciphertext. The
 * worker writes every batch in order, hashing the file as it goes, so the file is the one a
 * single encryption stream makes. Which side seals a batch only balances the two cores: this
 * thread seals one whenever the worker is behind (SEAL_HERE_WHEN_BEHIND slots unread).
 */
import { Writable } from 'node:stream';
import { VigilError } from '../../shared/errors';
import { chunksIn, sealBatchInPlace, startAgeFile, type AgeRecipient } from '../crypto/age';
import type { SealedFile } from './sealed-file';
import type { CryptoWorker } from './worker-client';
import { SLOT_BYTES, type WorkerJob } from './worker-job';

/** Slots the worker has not yet taken, from which on this thread seals the next batch itself. */
const SEAL_HERE_WHEN_BEHIND = 4;

/** How a file is sealed with a worker's help. */
interface BatchSealOptions {
  /** Whether the worker hashes the file (SHA-256 in `done`, else empty); a package is, a vault object is not. */
  hashFile?: boolean;
  /** Given the file's bytes before its payload (header and nonce), before any payload byte is written. */
  onPrefix?: (prefix: Buffer) => void;
  /** Slots unread by the worker from which on this thread seals the next batch: 0 seals every batch here, Infinity none. */
  sealHereWhenBehind?: number;
}

/** The plaintext input of a file sealed with `worker`'s help; the result is `done`. */
class BatchSealing extends Writable {
  readonly done: Promise<{ sha256: string; bytes: number }>;
  private readonly job: Promise<WorkerJob>;
  private key: Buffer | null = null;
  private slot: number | null = null;
  private used = 0;
  private counter = 0;
  private failure: Error | null = null;

  private readonly sealHereWhenBehind: number;

  constructor(
    private readonly worker: CryptoWorker,
    file: string,
    recipients: AgeRecipient[],
    opts: BatchSealOptions,
  ) {
    super({ highWaterMark: SLOT_BYTES });
    this.sealHereWhenBehind = opts.sealHereWhenBehind ?? SEAL_HERE_WHEN_BEHIND;
    this.job = startAgeFile(recipients).then((start) => {
      this.key = start.key;
      opts.onPrefix?.(start.prefix);
      // The worker gets its own copy of the key (the message is cloned).
      const job = worker.sealBatches(file, start, opts.hashFile ?? true);
      job.result.catch((err: unknown) => {
        this.failure = err instanceof Error ? err : new Error(String(err));
      });
      return job;
    });
    this.done = this.job.then((job) => job.result).then((r) => ({ sha256: r.hex, bytes: r.bytes }));
    // Reported through `done` (and the writes); this only stops an unhandled rejection.
    this.done.catch(() => undefined);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, next: (err?: Error | null) => void): void {
    this.take(chunk).then(() => next(), next);
  }

  override _final(next: (err?: Error | null) => void): void {
    this.finish().then(() => next(), next);
  }

  override _destroy(err: Error | null, next: (err?: Error | null) => void): void {
    if (this.slot !== null) this.worker.giveBack(this.slot);
    this.slot = null;
    this.key?.fill(0);
    this.job.then(
      (job) => job.abort(),
      () => undefined,
    );
    next(err);
  }

  /** Copies `chunk` into slots; a full slot is sent once a later byte shows that its last chunk is not the file's. */
  private async take(chunk: Uint8Array): Promise<void> {
    const job = await this.job;
    let off = 0;
    while (off < chunk.length) {
      if (this.failure) throw this.failure;
      if (this.slot !== null && this.used === SLOT_BYTES) this.send(job, false);
      if (this.slot === null && !(await this.newSlot())) continue;
      const slot = this.slot as number;
      const n = Math.min(chunk.length - off, SLOT_BYTES - this.used);
      this.worker.slotView(slot).set(chunk.subarray(off, off + n), this.used);
      this.used += n;
      off += n;
    }
  }

  /** Takes a free slot, or waits for one (false: try again). */
  private async newSlot(): Promise<boolean> {
    const slot = this.worker.takeSlot();
    if (slot === null) {
      await this.worker.slotFreed();
      return false;
    }
    this.slot = slot;
    this.used = 0;
    return true;
  }

  private async finish(): Promise<void> {
    const job = await this.job;
    if (this.failure) throw this.failure;
    // An empty file still has one (empty, last) chunk.
    while (this.slot === null) await this.newSlot();
    this.send(job, true);
    this.key?.fill(0);
    job.end().catch(() => undefined);
  }

  /** Sends the slot's batch, sealed here when the worker is behind, else for the worker to seal. */
  private send(job: WorkerJob, last: boolean): void {
    const slot = this.slot;
    const key = this.key;
    if (slot === null || key === null) throw new VigilError('INTERNAL', 'A sealed batch has no slot or key.');
    const counter = this.counter;
    this.counter += chunksIn(this.used);
    if (this.worker.slotsInFlight > this.sealHereWhenBehind) {
      const length = sealBatchInPlace(key, this.worker.slotView(slot), this.used, counter, last);
      this.worker.post({ t: 'data', job: job.id, slot, length, batch: { sealed: true } });
    } else {
      this.worker.post({ t: 'data', job: job.id, slot, length: this.used, batch: { sealed: false, counter, last } });
    }
    this.slot = null;
    this.used = 0;
  }
}

/** Opens a sealed file whose encryption `worker` shares with this thread; the worker writes (and hashes) it. */
export function openBatchSealed(
  worker: CryptoWorker,
  file: string,
  recipients: AgeRecipient[],
  opts: BatchSealOptions = {},
): SealedFile {
  const input = new BatchSealing(worker, file, recipients, opts);
  return { input, done: input.done };
}

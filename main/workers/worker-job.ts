/**
 * One stream of bytes going to a crypto worker: a digest, or an age-sealed file. Bytes
 * are copied into the worker's shared slots and a slot is sent once full (or at the end).
 */
import { VigilError } from '../../shared/errors';
import type { ToWorker } from './protocol';

/** Bytes per slot (and message): large enough that messaging costs little next to the work on them. */
export const SLOT_BYTES = 1024 * 1024;
/**
 * Room after a slot's SLOT_BYTES: a batch of plaintext chunks sealed in place in its slot grows by one
 * 16-byte tag per 64 KiB chunk (batch-sealing.ts).
 */
export const SLOT_ROOM = 16 * 16;

/** What a finished job reports: the hex digest (for a sealed file, of the file written) and the byte count. */
export interface JobResult {
  hex: string;
  bytes: number;
}

/** What a job needs of the worker it runs on (see CryptoWorker). */
export interface SlotOwner {
  takeSlot(): number | null;
  slotView(slot: number): Uint8Array;
  giveBack(slot: number): void;
  slotFreed(): Promise<void>;
  post(message: ToWorker): void;
}

/** A job on a crypto worker; give it bytes with `update`, then `end` it (or `abort` it). */
export class WorkerJob {
  private slot: number | null = null;
  private used = 0;
  private ended = false;
  private failure: Error | null = null;

  constructor(
    private readonly owner: SlotOwner,
    /** The job's number in the worker's messages. */
    readonly id: number,
    /** Settles when the worker finished the job (for a sealed file: once the file is closed). */
    readonly result: Promise<JobResult>,
  ) {
    // Marks the rejection handled here; callers see it through update() or end().
    result.catch((err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
  }

  /** Takes a copy of `chunk`; a promise means the worker is behind: wait for it before the next update. */
  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(new VigilError('INTERNAL', 'Bytes were sent to a finished worker job.'));
    const off = this.fill(chunk, 0);
    return off === chunk.length ? undefined : this.fillRest(chunk, off);
  }

  /** Sends what is left and asks for the result. */
  end(): Promise<JobResult> {
    if (!this.ended) {
      this.ended = true;
      if (this.used > 0) this.flush();
      else this.release();
      this.owner.post({ t: 'end', job: this.id });
    }
    return this.result;
  }

  /** Abandons the job (a sealed file is closed, then its result rejects); no-op once ended. */
  abort(): void {
    if (this.ended) return;
    this.ended = true;
    this.release();
    this.owner.post({ t: 'abort', job: this.id });
  }

  /** Copies from `from` on into slots while there are free ones; returns how far it got (all of it once abandoned). */
  private fill(chunk: Uint8Array, from: number): number {
    let off = from;
    while (off < chunk.length) {
      // An update still waiting when the job was abandoned must not take (and keep) a slot.
      if (this.ended) return chunk.length;
      if (this.slot === null) {
        this.slot = this.owner.takeSlot();
        if (this.slot === null) return off;
        this.used = 0;
      }
      const n = Math.min(chunk.length - off, SLOT_BYTES - this.used);
      this.owner.slotView(this.slot).set(chunk.subarray(off, off + n), this.used);
      this.used += n;
      off += n;
      if (this.used === SLOT_BYTES) this.flush();
    }
    return off;
  }

  private async fillRest(chunk: Uint8Array, from: number): Promise<void> {
    for (let off = from; off < chunk.length; off = this.fill(chunk, off)) {
      await this.owner.slotFreed();
      if (this.failure) throw this.failure;
    }
  }

  private flush(): void {
    if (this.slot === null) return;
    this.owner.post({ t: 'data', job: this.id, slot: this.slot, length: this.used });
    this.slot = null;
    this.used = 0;
  }

  private release(): void {
    if (this.slot !== null) this.owner.giveBack(this.slot);
    this.slot = null;
    this.used = 0;
  }
}

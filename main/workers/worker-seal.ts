/**
 * A sealed file (see sealed-file.ts) written by the crypto worker: the plaintext is
 * handed over through a Writable, so that encryption, the SHA-256 of the output and
 * the disk writes run on another core than the code producing the plaintext.
 */
import { Writable } from 'node:stream';
import type { AgeRecipient } from '../crypto/age';
import { openBatchSealed } from './batch-sealing';
import { openSealedFile, type SealedFile } from './sealed-file';
import type { CryptoWorker, WorkerJob } from './worker-client';

/** Feeds a worker job; destroying it before the end abandons the job. */
class JobInput extends Writable {
  constructor(private readonly job: WorkerJob) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    const wait = this.job.update(chunk);
    if (wait) wait.then(() => done(), done);
    else done();
  }

  override _final(done: (err?: Error | null) => void): void {
    // The outcome (the file flushed and closed) is the job's result, which the caller awaits.
    this.job.end().catch(() => undefined);
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.job.abort();
    done(err);
  }
}

/** Opens a sealed file written by `worker`, or by this thread when there is no worker. */
export function openSealed(worker: CryptoWorker | null, file: string, recipients: AgeRecipient[]): SealedFile {
  if (worker === null) return openSealedFile(file, recipients);
  // AB-TEMP
  if ((globalThis as { __AB?: { variant: string } }).__AB?.variant !== 'A') return openBatchSealed(worker, file, recipients);
  const job = worker.seal(file, recipients);
  return { input: new JobInput(job), done: job.result.then((r) => ({ sha256: r.hex, bytes: r.bytes })) };
}

/**
 * Entry of the crypto worker thread (see worker-client.ts): computes digests of byte
 * streams and writes age-sealed files (sealing the batches of them it is given as plaintext),
 * so that this work runs on a second core while the
 * calling thread decrypts, packs or unpacks. It lives in its own file because a worker
 * thread needs one (bundled beside the CLI by build/build-cli.mjs).
 */
import { createHash, type Hash } from 'node:crypto';
import { isMainThread, parentPort, type MessagePort } from 'node:worker_threads';
import { assertNever, isVigilError } from '../../shared/errors';
import { errnoCode } from '../fs/atomic';
import type { BatchInfo, FailureInfo, FromWorker, ToWorker } from './protocol';
import { sealBatchInPlace } from '../crypto/age';
import { CiphertextFile } from './ciphertext-file';

type Job = { kind: 'hash'; hash: Hash; bytes: number } | BatchesJob;

function failureOf(err: unknown): FailureInfo {
  const message = err instanceof Error ? err.message : String(err);
  if (isVigilError(err)) return { vigilCode: err.code, message };
  const errno = errnoCode(err);
  return errno === undefined ? { message } : { errno, message };
}

/** A `sealBatches` job: its file, the payload key, and whether it failed (its later batches are then dropped). */
interface BatchesJob {
  kind: 'batches';
  file: CiphertextFile;
  key: Buffer;
  failed: boolean;
}

/** Writes one batch: the plaintext ones are sealed first, in place in their slot (which has room for the tags). */
function writeBatch(job: BatchesJob, slot: SharedArrayBuffer, length: number, batch: BatchInfo): void {
  const room = new Uint8Array(slot);
  const sealed = batch.sealed ? length : sealBatchInPlace(job.key, room, length, batch.counter, batch.last);
  job.file.write(room.subarray(0, sealed));
}

/** Serves the jobs posted to `port` until the thread is stopped. */
function serveCryptoJobs(port: MessagePort): void {
  const jobs = new Map<number, Job>();
  let slots: SharedArrayBuffer[] = [];
  let gen = 0;
  const send = (m: FromWorker): void => port.postMessage(m);
  // Frees the slot for the next bytes; nothing here may still refer to it.
  // The generation tells the sender whether the slot is still one of its current set.
  const ack = (slot: number): void => send({ t: 'ack', gen, slot });
  // Reported once the file is closed, so that the caller may remove it; later batches are acknowledged and dropped.
  const failBatches = (id: number, job: BatchesJob, err: unknown): void => {
    job.failed = true;
    job.key.fill(0);
    void job.file
      .abandon()
      .catch(() => undefined)
      .then(() => send({ t: 'failed', job: id, failure: failureOf(err) }));
  };
  port.on('message', (m: ToWorker) => {
    switch (m.t) {
      case 'slots':
        slots = m.slots;
        gen = m.gen;
        return;
      case 'hash':
        jobs.set(m.job, { kind: 'hash', hash: createHash(m.alg), bytes: 0 });
        return;
      case 'sealBatches': {
        let file: CiphertextFile;
        try {
          file = new CiphertextFile(m.file, m.start.prefix, m.hashFile);
        } catch (err) {
          send({ t: 'failed', job: m.job, failure: failureOf(err) });
          return;
        }
        jobs.set(m.job, { kind: 'batches', file, key: Buffer.from(m.start.key), failed: false });
        // The copy posted here is the only other one; this thread's is wiped once the file is done.
        m.start.key.fill(0);
        return;
      }
      case 'data': {
        const job = jobs.get(m.job);
        const slot = slots[m.slot];
        if (slot === undefined) throw new Error(`No shared slot ${m.slot}.`);
        const bytes = new Uint8Array(slot, 0, m.length);
        if (job?.kind === 'hash') {
          job.hash.update(bytes);
          job.bytes += m.length;
          ack(m.slot);
        } else if (job?.kind === 'batches') {
          if (!job.failed) {
            try {
              if (m.batch === undefined) throw new Error('A batch came without saying what it holds.');
              writeBatch(job, slot, m.length, m.batch);
            } catch (err) {
              failBatches(m.job, job, err);
            }
          }
          ack(m.slot);
        } else ack(m.slot);
        return;
      }
      case 'end': {
        const job = jobs.get(m.job);
        if (job?.kind === 'hash') {
          send({ t: 'done', job: m.job, hex: job.hash.digest('hex'), bytes: job.bytes });
          jobs.delete(m.job);
        } else if (job?.kind === 'batches') {
          jobs.delete(m.job);
          // A failed job was reported when it failed.
          if (job.failed) return;
          job.file.finish().then(
            (r) => send({ t: 'done', job: m.job, hex: r.sha256, bytes: r.bytes }),
            (err: unknown) => send({ t: 'failed', job: m.job, failure: failureOf(err) }),
          );
          job.key.fill(0);
        }
        return;
      }
      case 'abort': {
        const job = jobs.get(m.job);
        if (job?.kind === 'batches') {
          if (!job.failed) failBatches(m.job, job, new Error('The sealed file was abandoned.'));
          jobs.delete(m.job);
        } else {
          jobs.delete(m.job);
          send({ t: 'failed', job: m.job, failure: { message: 'The digest was abandoned.' } });
        }
        return;
      }
      default:
        assertNever(m, 'crypto worker message');
    }
  });
}

if (!isMainThread && parentPort) serveCryptoJobs(parentPort);

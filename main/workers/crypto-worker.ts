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
import { sealBatch } from '../crypto/age';
import { openCiphertextFile, type SealedFile } from './sealed-file';

type Job =
  | { kind: 'hash'; hashes: Hash[]; bytes: number }
  | { kind: 'batches'; sealed: SealedFile; key: Buffer };

function failureOf(err: unknown): FailureInfo {
  const message = err instanceof Error ? err.message : String(err);
  if (isVigilError(err)) return { vigilCode: err.code, message };
  const errno = errnoCode(err);
  return errno === undefined ? { message } : { errno, message };
}

/** A copy of a slot's bytes (allocated without zero-filling: Buffer.from of a view zero-fills, then copies). */
function copyOf(bytes: Uint8Array): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  copy.set(bytes);
  return copy;
}

/** Writes one batch of a `sealBatches` job: sealed here from the plaintext, or the sender's ciphertext copied. */
function writeBatch(job: { sealed: SealedFile; key: Buffer }, bytes: Uint8Array, batch: BatchInfo, taken: () => void): void {
  // Either way new buffers are written (the ciphertext, or the copy), so the slot is free once they are taken.
  const pieces = batch.sealed ? [copyOf(bytes)] : sealBatch(job.key, bytes, batch.counter, batch.last);
  const lastPiece = pieces.length - 1;
  pieces.forEach((p, i) => job.sealed.input.write(p, i === lastPiece ? taken : undefined));
}

/** Starts a job whose file the caller keyed (see worker-client.ts, sealBatches). */
function startBatches(file: string, start: { prefix: Uint8Array; key: Uint8Array }): { sealed: SealedFile; key: Buffer } {
  return { sealed: openCiphertextFile(file, start.prefix), key: Buffer.from(start.key) };
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
  port.on('message', (m: ToWorker) => {
    switch (m.t) {
      case 'slots':
        slots = m.slots;
        gen = m.gen;
        return;
      case 'hash':
        jobs.set(m.job, { kind: 'hash', hashes: [createHash(m.alg)], bytes: 0 });
        return;
      case 'hashes':
        jobs.set(m.job, { kind: 'hash', hashes: m.algs.map((alg) => createHash(alg)), bytes: 0 });
        return;
      case 'sealBatches': {
        let job: { sealed: SealedFile; key: Buffer };
        try {
          job = startBatches(m.file, m.start);
        } catch (err) {
          send({ t: 'failed', job: m.job, failure: failureOf(err) });
          return;
        }
        // The copy posted here is the only other one; this thread's is wiped once the file is done.
        m.start.key.fill(0);
        jobs.set(m.job, { kind: 'batches', ...job });
        job.sealed.done
          .then(
            (r) => send({ t: 'done', job: m.job, hex: r.sha256, bytes: r.bytes }),
            (err: unknown) => send({ t: 'failed', job: m.job, failure: failureOf(err) }),
          )
          .finally(() => {
            job.key.fill(0);
            jobs.delete(m.job);
          });
        return;
      }
      case 'data': {
        const job = jobs.get(m.job);
        const slot = slots[m.slot];
        if (slot === undefined) throw new Error(`No shared slot ${m.slot}.`);
        const bytes = new Uint8Array(slot, 0, m.length);
        if (job?.kind === 'hash') {
          for (const h of job.hashes) h.update(bytes);
          job.bytes += m.length;
          ack(m.slot);
        } else if (job?.kind === 'batches') {
          if (m.batch !== undefined) writeBatch(job, bytes, m.batch, () => ack(m.slot));
          else {
            job.sealed.input.destroy(new Error('A batch came without saying what it holds.'));
            ack(m.slot);
          }
        } else ack(m.slot);
        return;
      }
      case 'end': {
        const job = jobs.get(m.job);
        if (job?.kind === 'hash') {
          const hexes = job.hashes.map((h) => h.digest('hex'));
          send({ t: 'done', job: m.job, hex: hexes[0] ?? '', bytes: job.bytes, ...(hexes.length > 1 ? { hexes } : {}) });
          jobs.delete(m.job);
        } else if (job?.kind === 'batches') job.sealed.input.end();
        return;
      }
      case 'abort': {
        const job = jobs.get(m.job);
        if (job?.kind === 'batches') job.sealed.input.destroy(new Error('The sealed file was abandoned.'));
        else {
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

/**
 * Entry of the crypto worker thread (see worker-client.ts): computes digests of byte
 * streams and writes age-sealed files, so that this work runs on a second core while the
 * calling thread decrypts, packs or unpacks. It lives in its own file because a worker
 * thread needs one (bundled beside the CLI by build/build-cli.mjs).
 */
import { createHash, type Hash } from 'node:crypto';
import { isMainThread, parentPort, type MessagePort } from 'node:worker_threads';
import { assertNever, isVigilError } from '../../shared/errors';
import { errnoCode } from '../fs/atomic';
import type { FailureInfo, FromWorker, ToWorker } from './protocol';
import { openSealedFile, type SealedFile } from './sealed-file';

type Job = { kind: 'hash'; hash: Hash; bytes: number } | { kind: 'seal'; sealed: SealedFile };

function failureOf(err: unknown): FailureInfo {
  const message = err instanceof Error ? err.message : String(err);
  if (isVigilError(err)) return { vigilCode: err.code, message };
  const errno = errnoCode(err);
  return errno === undefined ? { message } : { errno, message };
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
        jobs.set(m.job, { kind: 'hash', hash: createHash(m.alg), bytes: 0 });
        return;
      case 'seal': {
        let sealed: SealedFile;
        try {
          sealed = openSealedFile(m.file, m.recipients, { copyHeld: true });
        } catch (err) {
          send({ t: 'failed', job: m.job, failure: failureOf(err) });
          return;
        }
        jobs.set(m.job, { kind: 'seal', sealed });
        sealed.done
          .then(
            (r) => send({ t: 'done', job: m.job, hex: r.sha256, bytes: r.bytes }),
            (err: unknown) => send({ t: 'failed', job: m.job, failure: failureOf(err) }),
          )
          .finally(() => jobs.delete(m.job));
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
        } else if (job?.kind === 'seal') {
          // Acknowledged once the encryption took it (copyHeld: it keeps no view of the slot), so a slow disk holds the
          // sender back.
          job.sealed.input.write(bytes, () => ack(m.slot));
        } else ack(m.slot);
        return;
      }
      case 'end': {
        const job = jobs.get(m.job);
        if (job?.kind === 'hash') {
          send({ t: 'done', job: m.job, hex: job.hash.digest('hex'), bytes: job.bytes });
          jobs.delete(m.job);
        } else if (job?.kind === 'seal') job.sealed.input.end();
        return;
      }
      case 'abort': {
        const job = jobs.get(m.job);
        if (job?.kind === 'seal') job.sealed.input.destroy(new Error('The sealed file was abandoned.'));
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

/**
 * Runs a PDF or image redaction in a worker thread of its own, with a time limit: MuPDF's
 * parsing of an untrusted file stays inside WebAssembly's memory, and a file that makes it
 * run on is stopped (the thread is terminated) instead of freezing the app or the CLI.
 */
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, VigilError, type ErrorCode } from '../../../shared/errors';
import { findWorkerEntry } from '../../ingest/worker-path';
import type { RedactAnswer, RedactJob } from './redact-worker';

/** How long one redaction may take (a few seconds is usual for a long PDF). */
const REDACT_TIMEOUT_MS = 120_000;

function codeOf(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}

/** The redacted bytes and the hits per label, made in a thread that is ended after `timeoutMs`. */
export function redactIsolated(
  job: RedactJob,
  timeoutMs = REDACT_TIMEOUT_MS,
  dir: string = __dirname,
): Promise<{ bytes: Buffer; hits: Map<string, number> }> {
  const entry = findWorkerEntry('redact-worker', dir);
  if (entry === null)
    return Promise.reject(
      new VigilError(
        'INTERNAL',
        `The redaction program is missing (looked for redact-worker.cjs, .js and .ts in ${dir}); rebuild the ` +
          `application.`,
      ),
    );
  const worker = new Worker(entry.filename, entry.options);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new VigilError(
              'INVALID_INPUT',
              `The file took longer than ${Math.round(timeoutMs / 1000)} s to redact and was given up; nothing ` +
                `was stored.`,
            ),
          ),
        ),
      timeoutMs,
    );
    worker.once('message', (answer: RedactAnswer) =>
      finish(() =>
        answer.ok
          ? resolve({
              bytes: Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength),
              hits: answer.hits,
            })
          : reject(new VigilError(codeOf(answer.code), answer.message)),
      ),
    );
    worker.once('error', (err) =>
      finish(() =>
        reject(
          new VigilError('INTERNAL', `The redaction thread failed: ${err.message}; nothing was stored.`, {
            cause: err,
          }),
        ),
      ),
    );
    worker.once('exit', (code) =>
      finish(() =>
        reject(new VigilError('INTERNAL', `The redaction thread stopped (exit code ${code}); nothing was stored.`)),
      ),
    );
    worker.postMessage(job);
  });
}

/**
 * The thread MuPDF parses and rewrites an item in (see redact-isolated.ts): one request, one
 * answer. A hostile file that makes MuPDF loop or swell stalls this thread, not the app, and
 * the caller ends it.
 */
import { parentPort } from 'node:worker_threads';
import { isVigilError } from '../../../shared/errors';
import type { RedactionBox } from '../../../shared/redaction';
import { redactImage } from './redact-image';
import { redactPdf } from './redact-pdf';
import type { RedactionTerm } from './redaction-types';

/** What the thread is asked to do. */
export type RedactJob =
  | { medium: 'pdf'; input: Uint8Array; boxes: RedactionBox[]; terms: RedactionTerm[] }
  | { medium: 'image'; input: Uint8Array; boxes: RedactionBox[] };

/** What it answers: the new bytes and the hits per label, or the error's code and message. */
export type RedactAnswer =
  { ok: true; bytes: Uint8Array; hits: Map<string, number> } | { ok: false; code: string; message: string };

async function run(job: RedactJob): Promise<RedactAnswer> {
  try {
    if (job.medium === 'pdf') {
      const { bytes, hits } = await redactPdf(job.input, job.boxes, job.terms);
      return { ok: true, bytes, hits };
    }
    const { bytes } = await redactImage(job.input, job.boxes);
    return { ok: true, bytes, hits: new Map() };
  } catch (err) {
    return isVigilError(err)
      ? { ok: false, code: err.code, message: err.message }
      : { ok: false, code: 'INTERNAL', message: `Redaction failed: ${String(err)}` };
  }
}

parentPort?.once('message', (job: RedactJob) => {
  void run(job).then((answer) => parentPort?.postMessage(answer));
});

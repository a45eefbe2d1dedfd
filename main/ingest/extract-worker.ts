/**
 * Entry of the extraction worker thread: parses one file's bytes (sent as
 * workerData) and posts back exactly one ExtractionResult. It lives in its own
 * thread so that a hostile file can be stopped — by the heap limit, the
 * timeout or the memory watchdog in extract.ts — without touching the app.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { extractBytes } from './extract-bytes';
import type { WorkerRequest } from './extraction-types';

if (!isMainThread && parentPort) {
  const port = parentPort;
  void extractBytes(workerData as WorkerRequest).then((result) => port.postMessage(result));
}

/**
 * Entry of the extraction process: parses one file's bytes (the one message it
 * receives) and answers with exactly one ExtractionResult. It runs as a process
 * of its own, holding no key, so that a hostile file can be stopped — by the
 * heap limit, the timeout or the memory watch in extract.ts — without touching
 * the vault. Started by child_process.fork under Node (messages on `process`)
 * or by Electron's utilityProcess (messages on `process.parentPort`).
 */
import { extractBytes } from './extract-bytes';
import type { ExtractionResult, WorkerRequest } from './extraction-types';

/** Electron's port to the main process, present only in a utility process. */
interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function answer(request: unknown, reply: (result: ExtractionResult) => void): void {
  void extractBytes(request as WorkerRequest).then(reply);
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  parentPort.once('message', (event) => answer(event.data, (result) => parentPort.postMessage(result)));
} else if (process.send) {
  process.once('message', (request) => answer(request, (result) => process.send?.(result)));
}

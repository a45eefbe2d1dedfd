/**
 * Messages between the package code and its crypto worker (crypto-worker.ts). A job is
 * either a digest of a byte stream or an age-sealed file (encrypted in the worker, or in
 * batches of chunks shared between the sender and the worker: see batch-sealing.ts). Its bytes go through a few
 * shared memory slots: a `data` message names a filled slot, and its acknowledgement
 * frees the slot again once the worker has taken the bytes. The sender waits when no
 * slot is free, which bounds the memory in flight; nothing is allocated per message.
 */
/** The digests a hash job can compute. */
export type HashAlg = 'sha256' | 'sha512';

/** From the package code to the worker. */
export type ToWorker =
  | { t: 'slots'; gen: number; slots: SharedArrayBuffer[] }
  | { t: 'hash'; job: number; alg: HashAlg }
  | { t: 'sealBatches'; job: number; file: string; start: { prefix: Uint8Array; key: Uint8Array }; hashFile: boolean }
  | { t: 'data'; job: number; slot: number; length: number; batch?: BatchInfo }
  | { t: 'end'; job: number }
  | { t: 'abort'; job: number };

/**
 * What a `data` message of a `sealBatches` job holds: plaintext for the worker to seal as the
 * chunks from `counter` on (the final one flagged last when `last`), or ciphertext the sender sealed itself.
 */
export type BatchInfo = { sealed: false; counter: number; last: boolean } | { sealed: true };

/** A job's failure as plain data: the VigilError code or the system error code, and the message. */
export interface FailureInfo {
  vigilCode?: string;
  errno?: string;
  message: string;
}

/** From the worker back to the package code. */
export type FromWorker =
  | { t: 'ack'; gen: number; slot: number }
  /** `hex` is the digest, or empty for a sealed file that was not to be hashed. */
  | { t: 'done'; job: number; hex: string; bytes: number }
  | { t: 'failed'; job: number; failure: FailureInfo };

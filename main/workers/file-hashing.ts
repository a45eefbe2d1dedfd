/**
 * The two digests a bag manifest needs, computed as a file's bytes pass by. SHA-256 is
 * computed in the calling thread; SHA-512 (the slower one) goes to the crypto worker when
 * there is one, so that both cores work.
 */
import { createHash } from 'node:crypto';
import type { HashAlg } from './protocol';
import type { CryptoWorker } from './worker-client';

/** Both digests of one file and its length. */
export interface FileDigests {
  sha256: string;
  sha512: string;
  bytes: number;
}

/** Hashes one file's bytes as they pass. */
export interface FileHashing {
  /** Takes the next bytes; a promise means: wait for it before giving more. */
  update(chunk: Buffer): Promise<void> | undefined;
  /** The digests, once every byte was given. */
  digests(): Promise<FileDigests>;
  /** Gives up (the file failed): frees what the worker holds for it. */
  abort(): void;
}

/** Makes a FileHashing for each file. */
export type HashingFactory = () => FileHashing;

/** Both digests in the calling thread. */
export function hashInThread(): FileHashing {
  const h256 = createHash('sha256');
  const h512 = createHash('sha512');
  let bytes = 0;
  return {
    update(chunk) {
      h256.update(chunk);
      h512.update(chunk);
      bytes += chunk.length;
      return undefined;
    },
    digests: () => Promise.resolve({ sha256: h256.digest('hex'), sha512: h512.digest('hex'), bytes }),
    abort: () => undefined,
  };
}

/**
 * SHA-256 only, with the SHA-512 given: for a file whose SHA-512 is on record and whose
 * SHA-256, computed here, the caller compares with the one recorded beside it. Equal
 * SHA-256 means the same bytes as when both were recorded, so the recorded SHA-512 is
 * theirs too, and the slower digest need not be computed again.
 */
export function hashWithRecordedSha512(sha512: string): FileHashing {
  const h256 = createHash('sha256');
  let bytes = 0;
  return {
    update(chunk) {
      h256.update(chunk);
      bytes += chunk.length;
      return undefined;
    },
    digests: () => Promise.resolve({ sha256: h256.digest('hex'), sha512, bytes }),
    abort: () => undefined,
  };
}

/**
 * Both digests given, nothing computed: for a file shown by other means to hold the bytes
 * both were recorded for (see BagEntry.recordedSha256). Only the length is counted.
 */
export function recordedDigests(sha256: string, sha512: string): FileHashing {
  let bytes = 0;
  return {
    update(chunk) {
      bytes += chunk.length;
      return undefined;
    },
    digests: () => Promise.resolve({ sha256, sha512, bytes }),
    abort: () => undefined,
  };
}

/** SHA-256 here and SHA-512 in `worker`; both here when there is no worker. */
export function hashingWith(worker: CryptoWorker | null): HashingFactory {
  if (worker === null) return hashInThread;
  return () => {
    const h256 = createHash('sha256');
    const job = worker.hash('sha512');
    let bytes = 0;
    return {
      update(chunk) {
        h256.update(chunk);
        bytes += chunk.length;
        return job.update(chunk);
      },
      async digests() {
        const sha256 = h256.digest('hex');
        const r = await job.end();
        if (r.bytes !== bytes) throw new Error(`The worker hashed ${r.bytes} bytes of ${bytes}.`);
        return { sha256, sha512: r.hex, bytes };
      },
      abort: () => job.abort(),
    };
  };
}

/** One digest of a stream, in `worker` when there is one. */
export interface StreamDigest {
  /** Takes the next bytes; a promise means: wait for it before giving more. */
  update(chunk: Buffer): Promise<void> | undefined;
  /** The hex digest, once every byte was given. */
  hex(): Promise<string>;
  /** Gives up: frees what the worker holds for it. */
  abort(): void;
}

/** A SHA-256 of a stream, computed in `worker` (or here when there is none). */
export function sha256With(worker: CryptoWorker | null): StreamDigest {
  return digestWith(worker, 'sha256');
}

/** A digest of a stream, computed in `worker` (or here when there is none). */
function digestWith(worker: CryptoWorker | null, alg: HashAlg): StreamDigest {
  if (worker === null) {
    const h = createHash(alg);
    return {
      update(chunk) {
        h.update(chunk);
        return undefined;
      },
      hex: () => Promise.resolve(h.digest('hex')),
      abort: () => undefined,
    };
  }
  const job = worker.hash(alg);
  return { update: (chunk) => job.update(chunk), hex: async () => (await job.end()).hex, abort: () => job.abort() };
}

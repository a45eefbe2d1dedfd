/**
 * A sealed file (see sealed-file.ts) written with the crypto worker's help: its encryption
 * is shared between the worker and the calling thread, and the worker hashes and writes the
 * ciphertext (batch-sealing.ts), so that both cores seal while the caller also produces the
 * plaintext. Without a worker, all of it runs in the calling thread.
 */
import type { AgeRecipient } from '../crypto/age';
import { openBatchSealed } from './batch-sealing';
import { openSealedFile, type SealedFile } from './sealed-file';
import type { CryptoWorker } from './worker-client';

/** Opens a sealed file written with `worker`'s help, or by this thread when there is no worker. */
export function openSealed(worker: CryptoWorker | null, file: string, recipients: AgeRecipient[]): SealedFile {
  return worker === null ? openSealedFile(file, recipients) : openBatchSealed(worker, file, recipients);
}

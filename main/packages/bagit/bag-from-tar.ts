import type { Readable } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import { walkPackageTar, type ExtractLimits } from '../tar/package-tar';
import { hashInThread, type FileDigests, type HashingFactory } from '../../workers/file-hashing';
import { keptWhenStreamed, streamedBag, type BagFiles, type StreamedFile } from './bag-files';

/**
 * Most bytes of files other than the evidence items kept in memory while a bag is read from a
 * stream; far above what a real package holds (its custody file is about 1 KiB per entry).
 */
const MAX_KEPT_BYTES = 256 * 1024 * 1024;

/**
 * How readBagFromTar reads: the tar's limits, where SHA-512 is computed, and what is kept in memory (and up to how
 * much).
 */
export interface BagReading {
  limits?: Partial<ExtractLimits>;
  hashing?: HashingFactory;
  keep?: (rel: string) => boolean;
  maxKeptBytes?: number;
}

/**
 * Reads the bag in a package's tar stream for checking, without writing anything: every file
 * is hashed as it passes (SHA-512 in a worker when `hashing` puts it there) and only the
 * files the checks read are kept (see keptWhenStreamed; `keep` may keep more). The tar gets the same safety checks
 * as when it is extracted; a hostile or broken archive throws PACKAGE_INVALID.
 */
export async function readBagFromTar(
  input: Readable | AsyncIterable<Uint8Array>,
  opts: BagReading = {},
): Promise<BagFiles> {
  const hashing = opts.hashing ?? hashInThread;
  const maxKept = opts.maxKeptBytes ?? MAX_KEPT_BYTES;
  const pending: Promise<void>[] = [];
  const files = new Map<string, StreamedFile>();
  let kept = 0;
  let hasData = false;
  const name = await walkPackageTar(
    input,
    opts.limits,
    (dir) => {
      if (dir.inBag === 'data') hasData = true;
      return Promise.resolve();
    },
    async (entry, body) => {
      if (entry.inBag.startsWith('data/')) hasData = true;
      const keep = (opts.keep ?? keptWhenStreamed)(entry.inBag);
      if (keep && (kept += entry.size) > maxKept) {
        throw new VigilError(
          'PACKAGE_INVALID',
          `The package's files other than the evidence items (descriptions, case data, transcripts, custody) ` +
            `come to more than ${maxKept} bytes, far more than a package holds; it was refused.`,
        );
      }
      const hash = hashing();
      const pieces: Buffer[] = [];
      try {
        for await (const chunk of body) {
          const behind = hash.update(chunk);
          if (behind) await behind;
          if (keep) pieces.push(Buffer.from(chunk));
        }
      } catch (err) {
        hash.abort();
        throw err;
      }
      const bytes = keep ? Buffer.concat(pieces) : null;
      // Not awaited here: a worker computing SHA-512 finishes this file while the next one is read.
      const done = hash.digests().then((digests: FileDigests) => {
        files.set(entry.inBag, { digests, bytes });
      });
      done.catch(() => undefined);
      pending.push(done);
    },
  );
  await Promise.all(pending);
  return streamedBag(name, files, hasData);
}

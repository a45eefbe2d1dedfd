/**
 * Reading the tar inside a package: one bag folder, every entry checked before anything of
 * it is used (see EntryGuard). Nothing here writes to disk; verify and import read the bag
 * as it streams out of the decryption.
 */
import type { Readable } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import { ByteSource, chunkwise } from './byte-source';
import { DEFAULT_EXTRACT_LIMITS, EntryGuard, type CheckedEntry, type ExtractLimits } from './entry-guard';
import { walkTar } from './tar-walk';

export { DEFAULT_EXTRACT_LIMITS, type CheckedEntry, type ExtractLimits } from './entry-guard';

type FileHandler = (entry: CheckedEntry, body: AsyncGenerator<Buffer>) => Promise<void>;

function resolveLimits(limits: Partial<ExtractLimits> | undefined): ExtractLimits {
  const merged = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new VigilError('INVALID_INPUT', `The package limit ${key} must be a whole number of at least 0.`);
  }
  return merged;
}

/**
 * Reads a tar holding one bag folder, refusing anything unsafe (links, devices, traversal,
 * look-alike names, limits) with PACKAGE_INVALID: `onDir` gets each folder, `onFile` each
 * file with its bytes as they come (what it leaves unread is skipped). `input` is a Node
 * stream or any source of byte chunks. Returns the bag
 * folder's name.
 */
export async function walkPackageTar(
  input: Readable | AsyncIterable<Uint8Array>,
  limits: Partial<ExtractLimits> | undefined,
  onDir: (e: CheckedEntry) => Promise<void>,
  onFile: FileHandler,
): Promise<string> {
  const guard = new EntryGuard(resolveLimits(limits));
  // A Node stream is read chunk by chunk (see chunkwise); the verifier page gives its own chunks.
  const src = new ByteSource('pipe' in input ? chunkwise(input) : input);
  try {
    for await (const raw of walkTar(src)) {
      const entry = guard.check(raw.name, raw.type, raw.typeflag, raw.size);
      if (entry === null) continue;
      if (entry.kind === 'directory') await onDir(entry);
      else await onFile(entry, raw.body());
    }
  } catch (err) {
    await src.close().catch(() => undefined);
    throw err;
  }
  if (guard.top === null) throw new VigilError('PACKAGE_INVALID', 'The archive is empty: it holds no bag folder.');
  return guard.top;
}

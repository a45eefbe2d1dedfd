/**
 * The second pass of an import: the package is decrypted again and each item the first pass
 * verified goes straight into the vault's encrypted store, so that no plaintext is written
 * to disk. Each is checked against the verified manifest, so a package changed in between
 * is refused.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isVigilError, VigilError } from '../../../shared/errors';
import type { KnownDigests, StoredObject } from '../../blobs/blob-store';
import { createAgeDecryptStream, type AgeIdentity } from '../../crypto/age';
import type { ItemStaging } from '../../evidence/item-staging';
import { walkPackageTar, type ExtractLimits } from '../tar/package-tar';
import { cancelled, readPackageFile, type PackageProgress } from '../verify/package-file';

function changed(what: string, cause?: unknown): VigilError {
  return new VigilError(
    'PACKAGE_INVALID',
    `The package changed after it was checked (${what}); nothing was imported. Import it again from a copy ` +
      `that nothing is writing to.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Stores each item of `expected` (path in the bag → its digests in the verified manifests)
 * from the package `file` into `staging`, unrecorded. Other files were kept from the first
 * pass and are skipped. Returns the items' paths in the order stored; throws PACKAGE_INVALID
 * when an item differs from its checksum or is missing, or the package no longer reads (the
 * caller discards).
 */
export async function stageItems(
  file: string,
  identities: AgeIdentity[],
  limits: Partial<ExtractLimits> | undefined,
  expected: Map<string, KnownDigests>,
  staging: ItemStaging,
  progress: PackageProgress = {},
): Promise<string[]> {
  const stored = new Map<string, StoredObject>();
  let mismatch: VigilError | null = null;
  const src = readPackageFile(file, (await stat(file)).size, progress);
  const dec = createAgeDecryptStream(identities);
  src.on('error', (err) => dec.destroy(err));
  src.pipe(dec);
  try {
    await walkPackageTar(
      dec,
      limits,
      () => Promise.resolve(),
      async (entry, body) => {
        const known = expected.get(entry.inBag);
        if (known === undefined) return;
        // The store checks the SHA-256 against the verified manifest and, when it matches, takes
        // the manifest's SHA-512 (verified in the first pass) rather than hashing again.
        const object = await staging
          .add(path.posix.basename(entry.inBag), entry.size, body, known)
          .catch((err: unknown) => {
            throw isVigilError(err) && err.code === 'OBJECT_CORRUPT'
              ? (mismatch = changed(`${entry.inBag} no longer matches its checksum`, err))
              : err;
          });
        stored.set(entry.inBag, object);
      },
    );
  } catch (err) {
    src.destroy();
    if (progress.signal?.aborted === true) throw cancelled();
    if (err === mismatch) throw err;
    // Failures of the vault (a full disk) keep their own code; anything wrong with the package is a change.
    if (isVigilError(err) && !err.code.startsWith('AGE_') && err.code !== 'PACKAGE_INVALID') throw err;
    throw changed('it no longer reads as it did', err);
  }
  const missing = [...expected.keys()].find((p) => !stored.has(p));
  if (missing !== undefined) throw changed(`${missing} is no longer in it`);
  return [...stored.keys()];
}

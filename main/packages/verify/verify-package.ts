import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import { createAgeDecryptStream, type AgeIdentity } from '../../crypto/age';
import type { ExtractLimits } from '../tar/package-tar';
import { readBagFromTar, type BagReading } from '../bagit/bag-from-tar';
import type { BagFiles } from '../bagit/bag-files';
import { hashingWith, sha256With, type StreamDigest } from '../../workers/file-hashing';
import { sharedCryptoWorkers } from '../../workers/worker-client';
import { recordNotOpened, recordOpened } from './opening';
import { cancelled, readPackageFile, READ_BYTES, type PackageProgress } from './package-file';
import { CheckList, type PackageReport } from './report';
import type { TrustOptions } from './signer-trust';
import type { SenderHistory } from '../consistency/consistency-check';
import { verifyBagDetailed, type BagVerification } from './verify-bag';

/** Options for verifying a package file. */
export interface VerifyPackageOptions extends PackageProgress {
  identities: AgeIdentity[];
  /** The receipt's path; its .minisig must sit beside it. */
  receipt?: string;
  limits?: Partial<ExtractLimits>;
  /**
   * What to judge the signers by (the receiving vault's address book and trusted keys); without it they are reported
   * unchecked.
   */
  trust?: TrustOptions;
  /** What the reader saw before from the sender's vault (see BagCheckOptions). */
  history?: SenderHistory;
}

/**
 * A verified (or refused) package: the bag as read (null when it did not decrypt or unpack) and the package's SHA-256.
 */
export interface CheckedPackage extends BagVerification {
  bag: BagFiles | null;
  sha256: string;
}

function failedReport(list: CheckList): PackageReport {
  return { ok: false, signers: [], checks: list.checks, items: 0 };
}

/** Passes the package's bytes on unchanged while `digest` hashes them (waiting when it is behind). */
function hashingTap(digest: StreamDigest): Transform {
  return new Transform({
    highWaterMark: READ_BYTES,
    transform(chunk: Buffer, _enc, next) {
      const behind = digest.update(chunk);
      if (behind) behind.then(() => next(null, chunk), next);
      else next(null, chunk);
    },
  });
}

/**
 * Decrypts the package and reads the bag in it (see readBagFromTar), hashing the package file
 * on the way and every file in the tar (SHA-512 and the package's SHA-256 in crypto workers
 * when available). A package that does not decrypt or holds an unsafe archive is a failed
 * check (the result is then null), not a throw.
 */
async function readDecrypted(
  file: string,
  identities: AgeIdentity[],
  list: CheckList,
  opts: Pick<BagReading, 'limits' | 'keep'> & PackageProgress & { size: number },
): Promise<{ bag: BagFiles; sha256: string } | null> {
  const workers = sharedCryptoWorkers(2);
  const hash = sha256With(workers?.[1] ?? null);
  const src = readPackageFile(file, opts.size, opts);
  const tap = hashingTap(hash);
  const dec = createAgeDecryptStream(identities);
  let decryptError: unknown = null;
  dec.on('error', (err) => {
    decryptError ??= err;
  });
  src.on('error', (err) => dec.destroy(err));
  tap.on('error', (err) => dec.destroy(err));
  src.pipe(tap).pipe(dec);
  try {
    const bag = await readBagFromTar(dec, {
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.keep ? { keep: opts.keep } : {}),
      hashing: hashingWith(workers?.[0] ?? null),
    });
    if (opts.signal?.aborted === true) throw cancelled();
    recordOpened(list);
    return { bag, sha256: await hash.hex() };
  } catch (err) {
    src.destroy();
    hash.abort();
    if (opts.signal?.aborted === true) throw cancelled();
    if (!recordNotOpened(list, decryptError, err)) throw err;
    return null;
  }
}

/** Refuses a missing package file or a call without any key to open it; returns the file's size. */
async function checkArguments(file: string, opts: VerifyPackageOptions): Promise<number> {
  const st = await stat(file).catch(() => null);
  if (st === null || !st.isFile())
    throw new VigilError('NOT_FOUND', `There is no package file at ${file}. Check the path.`);
  if (opts.identities.length === 0)
    throw new VigilError(
      'INVALID_INPUT',
      'No key was given to open the package. Give an age identity file (--identity) or a vault (--vault).',
    );
  return st.size;
}

function withOpening(list: CheckList, inner: BagVerification): PackageReport {
  const checks = [...list.checks, ...inner.report.checks];
  return { ...inner.report, ok: checks.every((c) => c.ok), checks };
}

function bagOptions(opts: VerifyPackageOptions): { receipt?: string; trust?: TrustOptions; history?: SenderHistory } {
  return {
    ...(opts.receipt === undefined ? {} : { receipt: opts.receipt }),
    ...(opts.trust === undefined ? {} : { trust: opts.trust }),
    ...(opts.history === undefined ? {} : { history: opts.history }),
  };
}

/**
 * Decrypts and verifies a package in one pass without writing any of it to disk (see
 * verifyPackageFile), and returns the bag as read: the files `keep` names (by default those
 * the checks read) in memory, every file's digests. Throws NOT_FOUND for a missing file and
 * INVALID_INPUT when no identity is given; anything wrong with the package is a failed check.
 */
export async function checkPackage(
  file: string,
  opts: VerifyPackageOptions & { keep?: (rel: string) => boolean },
): Promise<CheckedPackage> {
  const size = await checkArguments(file, opts);
  const list = new CheckList();
  const read = await readDecrypted(file, opts.identities, list, { ...opts, size });
  if (read === null)
    return {
      report: failedReport(list),
      facts: { entries: [], actors: new Set(), checkpoint: null, checkpointNote: null, checkpointSigner: null },
      keysText: null,
      consistency: null,
      bag: null,
      sha256: '',
    };
  const inner = await verifyBagDetailed(read.bag, { ...bagOptions(opts), packageSha256: read.sha256 });
  return { ...inner, report: withOpening(list, inner), bag: read.bag, sha256: read.sha256 };
}

/**
 * Verifies a `.tar.age` package (see verifyBagDetailed) as it is decrypted, in one pass and
 * without writing any of it to disk: the evidence is hashed as it streams by and only the
 * bag's description and custody files are kept in memory. Tampering is a failed check, not a throw.
 */
export async function verifyPackageFile(file: string, opts: VerifyPackageOptions): Promise<PackageReport> {
  return (await checkPackage(file, opts)).report;
}

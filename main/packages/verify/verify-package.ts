import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { isVigilError, VigilError } from '../../../shared/errors';
import { createAgeDecryptStream, type AgeIdentity } from '../../crypto/age';
import { extractTar, type ExtractLimits } from '../tar/safe-extract';
import { hashingWith, sha256With, type FileDigests, type StreamDigest } from '../workers/file-hashing';
import { sharedCryptoWorkers } from '../workers/worker-client';
import { CheckList, reason, type PackageReport } from './report';
import { verifyBagDetailed, type BagVerification } from './verify-bag';

/** Options for verifying a package file. */
export interface VerifyPackageOptions {
  identities: AgeIdentity[];
  /** The receipt's path; its .minisig must sit beside it. */
  receipt?: string;
  /** Where the private temp folder is made (default: the system temp folder). */
  workDir?: string;
  limits?: Partial<ExtractLimits>;
}

/** A verified (or refused) package, with the extracted bag still on disk when it unpacked. */
export interface OpenedPackage extends BagVerification {
  bagDir: string | null;
  sha256: string;
}

interface Unpacked {
  bagDir: string | null;
  sha256: string;
  digests: Map<string, FileDigests>;
}

function failedReport(list: CheckList): PackageReport {
  return { ok: false, signers: [], checks: list.checks, items: 0 };
}

/** Encrypted bytes read per system call. */
const READ_BYTES = 1024 * 1024;

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
 * Decrypts and unpacks into `work`, hashing every file as it is written (SHA-512 and the
 * package's SHA-256 in crypto workers when available); a damaged or wrongly sealed package
 * is a failed check, not a throw.
 */
async function unpack(file: string, identities: AgeIdentity[], work: string, list: CheckList, limits: Partial<ExtractLimits> | undefined): Promise<Unpacked> {
  const workers = sharedCryptoWorkers(2);
  const hash = sha256With(workers?.[1] ?? null);
  const src = createReadStream(file, { highWaterMark: READ_BYTES });
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
    const { bagDir, digests } = await extractTar(dec, path.join(work, 'bag'), limits, { hashing: hashingWith(workers?.[0] ?? null) });
    list.pass('decrypt', 'The package opens with the given key and no byte of it was altered (every encrypted chunk authenticated).');
    list.pass('tar', 'The archive is one folder of plain files: no links, devices, escaping paths or colliding names.');
    return { bagDir, sha256: await hash.hex(), digests };
  } catch (err) {
    src.destroy();
    hash.abort();
    const age = decryptError ?? err;
    if (isVigilError(age) && age.code === 'AGE_NO_IDENTITY_MATCH') {
      list.fail('decrypt', `The package cannot be opened with the given key: it was sealed for someone else. (${age.message})`);
    } else if (isVigilError(age) && age.code === 'AGE_MALFORMED') {
      list.fail('decrypt', `The package no longer decrypts: it was altered, damaged or cut short after it was sealed. (${age.message})`);
    } else if (isVigilError(err) && (err.code === 'PACKAGE_INVALID' || err.code === 'INVALID_INPUT')) {
      list.pass('decrypt', 'The package opens with the given key.');
      list.fail('tar', `The archive inside the package is unsafe or broken and was not unpacked: ${err.message}`);
    } else throw err;
    return { bagDir: null, sha256: '', digests: new Map() };
  }
}

/**
 * Decrypts a package into `work` (a private folder the caller removes) and verifies it.
 * Throws NOT_FOUND for a missing file and INVALID_INPUT when no identity is given.
 */
export async function openPackage(file: string, opts: VerifyPackageOptions, work: string): Promise<OpenedPackage> {
  const st = await stat(file).catch(() => null);
  if (st === null || !st.isFile()) throw new VigilError('NOT_FOUND', `There is no package file at ${file}. Check the path.`);
  if (opts.identities.length === 0) throw new VigilError('INVALID_INPUT', 'No key was given to open the package. Give an age identity file (--identity) or a vault (--vault).');
  const list = new CheckList();
  const { bagDir, sha256, digests } = await unpack(file, opts.identities, work, list, opts.limits);
  if (bagDir === null) return { report: failedReport(list), facts: { entries: [], actors: new Set(), checkpoint: null, checkpointNote: null }, keysText: null, bagDir, sha256 };
  const receipt = opts.receipt === undefined ? {} : { receipt: opts.receipt };
  // The digests taken while unpacking spare reading every file again: the bag is in our private folder.
  const inner = await verifyBagDetailed(bagDir, { ...receipt, packageSha256: sha256, known: digests });
  const checks = [...list.checks, ...inner.report.checks];
  return { ...inner, report: { ...inner.report, ok: checks.every((c) => c.ok), checks }, bagDir, sha256 };
}

/** Makes a private (0700) temp folder for unpacking. */
export async function privateWorkDir(workDir?: string): Promise<string> {
  try {
    return await mkdtemp(path.join(workDir ?? os.tmpdir(), 'vigil-verify-'));
  } catch (err) {
    throw new VigilError('IO_ERROR', `Could not make a temporary folder to unpack the package (${reason(err)}). Check the disk and try again.`, { cause: err });
  }
}

/**
 * Verifies a `.tar.age` package: decrypts it into a private temp folder, checks everything
 * (see verifyBagFolder) and removes the folder at the end. Tampering is a failed check, not a throw.
 */
export async function verifyPackageFile(file: string, opts: VerifyPackageOptions): Promise<PackageReport> {
  const work = await privateWorkDir(opts.workDir);
  try {
    return (await openPackage(file, opts, work)).report;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

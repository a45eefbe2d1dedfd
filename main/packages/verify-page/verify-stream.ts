/**
 * Verifying a sealed package from a stream of its bytes, as the offline verifier page does
 * with a browser File: decrypt, read the tar and hash every file as the bytes pass, keeping
 * only the bag's description and custody files in memory, then run the same bag checks as
 * `vigil verify` (verifyBagDetailed) with the same sentences (see ../verify/opening.ts).
 * No Node API is used here, so this runs in the page and, for its tests, in Node.
 */
import { AgeDecryptor, toVigilError } from '../../crypto/age/decryptor';
import type { AgeIdentity } from '../../crypto/age/types';
import { readBagFromTar } from '../bagit/bag-from-tar';
import { recordNotOpened, recordOpened } from '../verify/opening';
import { CheckList, type PackageReport } from '../verify/report';
import { verifyBagDetailed } from '../verify/verify-bag';

/** How a page verification reports its progress: bytes of the package read so far. */
interface StreamProgress {
  onProgress?: (done: number) => void;
}

/** What decryption failed with, if it did: kept apart from what the tar reader then says. */
interface Failure {
  error: unknown;
}

/**
 * The plaintext of the age file read from `input`, one authenticated piece after another,
 * pulling the next encrypted bytes only when the reader wants more (memory stays flat).
 */
async function* plaintext(
  input: ReadableStream<Uint8Array>,
  dec: AgeDecryptor,
  failure: Failure,
  progress: StreamProgress,
): AsyncGenerator<Buffer> {
  const reader = input.getReader();
  let read = 0;
  const pieces: Buffer[] = [];
  const sink = (p: Buffer): void => {
    pieces.push(p);
  };
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      read += next.value.byteLength;
      progress.onProgress?.(read);
      await step(
        () => dec.write(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength), sink),
        failure,
      );
      yield* pieces.splice(0);
    }
    await step(() => dec.end(sink), failure);
    yield* pieces.splice(0);
  } finally {
    dec.wipe();
    await reader.cancel().catch(() => undefined);
  }
}

/** Runs one decryption step; a failure is remembered (the report names it) and rethrown. */
async function step(fn: () => unknown, failure: Failure): Promise<void> {
  try {
    await fn();
  } catch (err) {
    failure.error ??= toVigilError(err);
    throw failure.error;
  }
}

/**
 * Verifies the `.tar.age` package whose bytes `input` gives, opened with `identities`: the
 * same checks and report as verifyPackageFile except the receipt, which the page does not
 * read. Anything wrong with the package is a failed check, not a throw.
 */
export async function verifyPackageStream(
  input: ReadableStream<Uint8Array>,
  identities: AgeIdentity[],
  progress: StreamProgress = {},
): Promise<PackageReport> {
  const list = new CheckList();
  const failure: Failure = { error: null };
  const dec = new AgeDecryptor(identities);
  let bag;
  try {
    bag = await readBagFromTar(plaintext(input, dec, failure, progress));
    recordOpened(list);
  } catch (err) {
    if (!recordNotOpened(list, failure.error, err)) throw err;
    return { ok: false, signers: [], checks: list.checks, items: 0 };
  }
  const inner = await verifyBagDetailed(bag);
  const checks = [...list.checks, ...inner.report.checks];
  return { ...inner.report, ok: checks.every((c) => c.ok), checks };
}

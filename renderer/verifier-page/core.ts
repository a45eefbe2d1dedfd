/**
 * What the offline verifier page's interface needs from the verifying core, which the build
 * joins to it (build/build-verifier-page.mjs): the interface itself holds no crypto.
 */
import type { ReportFacts } from '../../shared/package-report-text';

/** The key a person gives: the text of an age identity file, or the package passphrase. */
export type PageKey = { identityText: string } | { passphrase: string };

/** Verifies a package from its bytes; throws (with a sentence to show) only when the key given is unusable. */
export interface VerifierCore {
  verify(pkg: ReadableStream<Uint8Array>, key: PageKey, onProgress: (done: number) => void): Promise<ReportFacts>;
}

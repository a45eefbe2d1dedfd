/**
 * The verifying core as the offline verifier page's interface calls it (see
 * renderer/verifier-page/core.ts): a key as the person gave it, a package as a stream.
 */
import { identitiesInText } from '../../crypto/age/keys';
import type { AgeIdentity } from '../../crypto/age/types';
import type { PackageReport } from '../verify/report';
import { verifyPackageStream } from './verify-stream';

/** The key a person gives: the text of an age identity file, or the package passphrase. */
type PageKey = { identityText: string } | { passphrase: string };

/**
 * The identities in an age identity file's text, as `vigil verify --identity` reads them (comments and blank lines
 * skipped).
 */
export function identitiesFromText(text: string): AgeIdentity[] {
  return identitiesInText(text, 'The identity file');
}

/**
 * The largest scrypt work factor the page accepts: 2^20 needs 1 GiB, which a browser tab can
 * still give; Vigil seals with 2^18. A package asking for more is refused as the CLI refuses
 * one beyond its own limit, rather than taking the tab down.
 */
const PAGE_MAX_SCRYPT_LOG_N = 20;

/** The identities a page key stands for. */
export function pageIdentities(key: PageKey): AgeIdentity[] {
  if ('passphrase' in key)
    return [{ kind: 'scrypt', passphrase: new TextEncoder().encode(key.passphrase), maxLogN: PAGE_MAX_SCRYPT_LOG_N }];
  return identitiesFromText(key.identityText);
}

/** Verifies a package stream with a page key (see verifyPackageStream). */
export function verifyWithPageKey(
  pkg: ReadableStream<Uint8Array>,
  key: PageKey,
  onProgress: (done: number) => void,
): Promise<PackageReport> {
  return verifyPackageStream(pkg, pageIdentities(key), { onProgress });
}

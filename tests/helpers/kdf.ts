/** Light Argon2id limits for tests (no vitest import, so the E2E harness can run under plain tsx). */
import { loadSodium } from '../../main/crypto/sodium';
import type { KdfLimits } from '../../main/vault/keys/slots';

/** The lowest Argon2id limits libsodium allows: tests only, never a real vault. */
export async function fastKdf(): Promise<KdfLimits> {
  const sodium = await loadSodium();
  return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN };
}

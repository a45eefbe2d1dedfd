import type { KdfLimits } from '../vault/keys/slots';
import { openVault, type UnlockSecret } from '../vault/open';
import { describeRecovery } from '../vault/open-recovery';
import type { Vault } from '../vault/vault';
import { readUnlockSecret, type SecretOptions } from './secrets';
import { loadSodium } from '../crypto/sodium';

/** Unlocks the vault for one command and always locks it again afterwards. */
export async function withVault<T>(dir: string, opts: SecretOptions, fn: (vault: Vault) => Promise<T> | T): Promise<T> {
  return withUnlockedVault(dir, await readUnlockSecret(opts), fn);
}

/** Like withVault, with a secret the command has already read. */
export async function withUnlockedVault<T>(
  dir: string,
  secret: UnlockSecret,
  fn: (vault: Vault) => Promise<T> | T,
): Promise<T> {
  const vault = await openVault(dir, secret);
  // What unlocking put right after a crash goes to stderr, so that --json output stays clean.
  for (const line of describeRecovery(vault.recovered)) process.stderr.write(`vigil: note: ${line}\n`);
  try {
    return await fn(vault);
  } finally {
    await vault.close();
  }
}

/**
 * Argon2id limits for new key slots. VIGIL_INSECURE_TEST_KDF=1 selects the
 * minimum limits so test suites can create many vaults quickly; it must never
 * be set for real vaults (the limits are stored in the slot and stay weak).
 */
export async function kdfForNewSlots(): Promise<{ kdf?: KdfLimits }> {
  if (process.env.VIGIL_INSECURE_TEST_KDF !== '1') return {};
  const sodium = await loadSodium();
  return { kdf: { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN } };
}

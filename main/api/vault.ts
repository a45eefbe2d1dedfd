/**
 * What the vault channels answer once a vault is open. Its life cycle (state, create, unlock, lock, the remembered
 * folder) is the session's and the window's grants', so those channels stay in main/ipc/vault.ipc.ts.
 */
import type { Res } from '../../shared/contract';
import { vaultStatus as statusOf } from '../vault/status';
import type { Vault } from '../vault/vault';

/** vault:status — the open vault's summary (also `vigil status --json`). */
export function vaultStatus(vault: Vault): Res<'vault:status'> {
  return statusOf(vault);
}

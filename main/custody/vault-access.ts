// What the custody features built on the log (timestamps, key-slot changes) need of an open
// vault. Custody sits below the vault layer, so it names this shape instead of importing the
// Vault class; Vault implements it, and the compiler checks that it keeps doing so.
import type { Db } from '../vault/database';
import type { CustodyEntry } from './entry';
import type { CustodyRecord } from './log-store';
import type { MemberSigner } from './member-signer';

/** An open vault as custody sees it: its folder, database, signer and signed transactions. */
export interface CustodyVault {
  readonly dir: string;
  readonly vaultId: string;
  readonly db: Db;
  /** The member who unlocked; throws when the vault was opened read-only. */
  requireSigner(): MemberSigner;
  /** Runs `fn` in one database transaction. */
  together<T>(fn: () => T): T;
  /** Runs `fn` and appends its custody record(s) in one transaction. */
  change<T>(fn: (db: Db) => { result: T; custody: CustodyRecord | CustodyRecord[] }): {
    result: T;
    entries: CustodyEntry[];
  };
}

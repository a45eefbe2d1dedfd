import path from 'node:path';
import { VigilError } from '../../shared/errors';
import { BlobStore } from '../blobs/blob-store';
import { appendCustodyEntry, type CustodyRecord } from '../custody/log-store';
import type { CustodyEntry } from '../custody';
import type { MemberSigner } from '../custody/member-signer';
import type { CustodyVault } from '../custody/vault-access';
import { wipe } from '../crypto/sodium';
import { writeFailure, type Db } from './database';
import type { VaultLock } from './lock';
import type { OpenRecovery } from './open-recovery';

/** The member who unlocked the vault: every change is signed as them. */
export interface VaultMember {
  id: string;
  name: string;
  publicKeyHex: string;
}

/** What `Vault` is built from; only the open and create functions assemble one. */
interface VaultParts {
  dir: string;
  vaultId: string;
  db: Db;
  blobs: BlobStore;
  member: VaultMember;
  signer: MemberSigner | null;
  lock: VaultLock;
  slotId: string;
  secrets: Uint8Array[];
  /** What opening it put right after a crash (absent for a new vault). */
  recovered?: OpenRecovery;
}

/** The folder that holds a vault's encrypted objects. */
export function blobsDir(dir: string): string {
  return path.join(dir, 'blobs');
}

/**
 * An unlocked vault: the database, the object store and the acting member.
 * Every change goes through `change()`, which writes the change and its signed
 * custody entry in one transaction.
 */
export class Vault implements CustodyVault {
  readonly dir: string;
  readonly vaultId: string;
  readonly db: Db;
  readonly blobs: BlobStore;
  /** What opening the vault put right after a crash; the interface tells the member. */
  readonly recovered: OpenRecovery;
  private currentSlotId: string;
  private memberInfo: VaultMember;
  private signer: MemberSigner | null;
  private readonly lock: VaultLock;
  private readonly secrets: Uint8Array[];
  private closed = false;

  constructor(parts: VaultParts) {
    this.dir = parts.dir;
    this.vaultId = parts.vaultId;
    this.db = parts.db;
    this.blobs = parts.blobs;
    this.memberInfo = parts.member;
    this.signer = parts.signer;
    this.lock = parts.lock;
    this.currentSlotId = parts.slotId;
    this.secrets = parts.secrets;
    this.recovered = parts.recovered ?? {
      header: 'none',
      objects: { published: 0, removed: 0 },
      exports: { finished: [], removed: [], unreachable: [] },
    };
  }

  /** The acting member. */
  get member(): VaultMember {
    return this.memberInfo;
  }

  /** True when unlocked with the recovery code: the member must set a new passphrase before signing anything. */
  get needsNewPassphrase(): boolean {
    return this.signer === null;
  }

  /** The acting member's signer; refuses when the vault was opened with the recovery code only. */
  requireSigner(): MemberSigner {
    this.assertOpen();
    if (!this.signer) {
      throw new VigilError(
        'VAULT_LOCKED',
        'The vault was unlocked with the recovery code, which cannot sign changes. Set a new passphrase first: ' +
          'vigil passwd <vault> change --recovery-code',
      );
    }
    return this.signer;
  }

  /**
   * Runs `fn` and appends the custody records it returns, all in one SQLite
   * transaction: the change and its signed entry commit together or not at all.
   */
  change<T>(fn: (db: Db) => { result: T; custody: CustodyRecord | CustodyRecord[] }): {
    result: T;
    entries: CustodyEntry[];
  } {
    const signer = this.requireSigner();
    return this.together(() => {
      const { result, custody } = fn(this.db);
      const records = Array.isArray(custody) ? custody : [custody];
      const entries = records.map((record) => appendCustodyEntry(this.db, this.vaultId, signer, record));
      return { result, entries };
    });
  }

  /**
   * Runs `fn` (which may make several `change()`s) in one transaction: all of it is saved or
   * none of it. A full disk or a failed write comes out as DISK_FULL or IO_ERROR.
   */
  together<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (err) {
      throw writeFailure(err);
    }
  }

  /** Appends a custody entry that records an action with no other database change (e.g. an item opened). */
  record(record: CustodyRecord): CustodyEntry {
    const { entries } = this.change(() => ({ result: null, custody: record }));
    const [entry] = entries;
    if (!entry) throw new VigilError('INTERNAL', 'No custody entry was written.');
    return entry;
  }

  /** The key slot this session was unlocked with (its passphrase is the "current" one). */
  get slotId(): string {
    return this.currentSlotId;
  }

  /** Follows a passphrase change: the new slot replaced the one this session was unlocked with. */
  adoptSlot(slotId: string): void {
    this.currentSlotId = slotId;
  }

  /**
   * Replaces the signer after a key rotation (recovery), keeping the member's identity; null undoes a rotation that
   * failed.
   */
  adoptSigner(signer: MemberSigner | null, member: VaultMember): void {
    this.signer?.wipe();
    this.signer = signer;
    this.memberInfo = member;
  }

  /** Closes the database, wipes keys held in memory and releases the vault lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
      this.signer?.wipe();
      wipe(...this.secrets);
      await this.lock.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new VigilError('VAULT_LOCKED', 'The vault is locked. Unlock it again to continue.');
  }
}

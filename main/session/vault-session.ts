/**
 * The one vault a window works on: created or unlocked through here, dropped
 * on lock. Everything the interface does goes through requireVault(), so a
 * locked session refuses every request with VAULT_LOCKED and keeps no key.
 */
import { VigilError } from '../../shared/errors';
import { createVault } from '../vault/create';
import type { KdfLimits } from '../vault/keys/slots';
import { openVault, type UnlockSecret } from '../vault/open';
import type { OpenRecovery } from '../vault/open-recovery';
import type { Vault } from '../vault/vault';

/** Why a session was locked; shown to the user after the fact. */
export type LockReason = 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit';

/** What the interface may know about the session. */
type SessionState =
  | { unlocked: false }
  | {
      unlocked: true;
      dir: string;
      vaultId: string;
      member: { id: string; name: string };
      needsNewPassphrase: boolean;
      recovered: RecoveredCounts;
    };

/** What unlocking put right after a crash, in counts (the window learns no paths). */
interface RecoveredCounts {
  header: OpenRecovery['header'];
  objectsPublished: number;
  objectsRemoved: number;
  exportsFinished: number;
  exportsRemoved: number;
  exportsUnreachable: number;
}

function recoveredCounts(r: OpenRecovery): RecoveredCounts {
  return {
    header: r.header,
    objectsPublished: r.objects.published,
    objectsRemoved: r.objects.removed,
    exportsFinished: r.exports.finished.length,
    exportsRemoved: r.exports.removed.length,
    exportsUnreachable: r.exports.unreachable.length,
  };
}

/** How the session is built. */
interface SessionOptions {
  /** Argon2id limits for new key slots; only tests make them lighter. */
  kdf?: KdfLimits;
  /** Called after every lock, with the reason (the shell sends the vault:locked event). */
  onLocked?: (reason: LockReason) => void;
}

/** Holds at most one open vault and the time of the last request. */
export class VaultSession {
  private vault: Vault | null = null;
  private lastActivity = Date.now();

  constructor(private readonly options: SessionOptions = {}) {}

  /** Argon2id limits used for new key slots (create, new passphrase, new member). */
  get kdf(): KdfLimits | undefined {
    return this.options.kdf;
  }

  /** Whether a vault is open, and as whom. */
  state(): SessionState {
    const vault = this.vault;
    if (vault === null) return { unlocked: false };
    return {
      unlocked: true,
      dir: vault.dir,
      vaultId: vault.vaultId,
      member: { id: vault.member.id, name: vault.member.name },
      needsNewPassphrase: vault.needsNewPassphrase,
      recovered: recoveredCounts(vault.recovered),
    };
  }

  /** Creates a vault and opens it; the recovery code is returned once and kept nowhere. */
  async create(
    dir: string,
    memberName: string,
    passphrase: string,
  ): Promise<{ recoveryCode: string; state: SessionState }> {
    this.refuseIfOpen();
    const kdf = this.options.kdf;
    const { vault, recoveryCode } = await createVault(dir, { memberName, passphrase, ...(kdf ? { kdf } : {}) });
    this.vault = vault;
    this.touch();
    return { recoveryCode, state: this.state() };
  }

  /** Unlocks the vault in `dir` with a passphrase or the recovery code. */
  async unlock(dir: string, secret: UnlockSecret): Promise<SessionState> {
    this.refuseIfOpen();
    this.vault = await openVault(dir, secret);
    this.touch();
    return this.state();
  }

  /** Closes the database and drops every key; harmless when already locked. */
  async lock(reason: LockReason): Promise<void> {
    const vault = this.vault;
    if (vault === null) return;
    // Forget the vault first: no request may use it while it closes.
    this.vault = null;
    try {
      await vault.close();
    } finally {
      this.options.onLocked?.(reason);
    }
  }

  /** The open vault, or VAULT_LOCKED; counts as activity for the idle lock. */
  requireVault(): Vault {
    if (this.vault === null) {
      throw new VigilError('VAULT_LOCKED', 'The vault is locked. Unlock it with your passphrase to continue.');
    }
    this.touch();
    return this.vault;
  }

  /** Records activity now (every request, and input events the shell reports). */
  touch(): void {
    this.lastActivity = Date.now();
  }

  /** Milliseconds since the last activity. */
  idleMs(now = Date.now()): number {
    return now - this.lastActivity;
  }

  private refuseIfOpen(): void {
    if (this.vault !== null) {
      throw new VigilError('INVALID_INPUT', 'A vault is already open in this window. Lock it first.');
    }
  }
}

import type { CustodyEntry } from './entry';
import { isHex32 } from './encoding';

/** Why an entry's actor is not allowed to act, in verify-chain's terms. */
interface ActorProblem {
  reason: 'unknown-actor' | 'malformed';
  detail: string;
}

const short = (hex: string): string => `${hex.slice(0, 16)}…`;

/**
 * The member keys the log itself has introduced so far. An outside verifier needs nothing
 * but the log: seq 0 introduces the creator, and member entries add, rotate and retire keys.
 */
export class KnownActors {
  // Map keeps introduction order, which is the order reported.
  private readonly keys = new Map<string, true>();

  /** Keys currently allowed to sign, in the order they were introduced. */
  list(): string[] {
    return [...this.keys.keys()];
  }

  /** Null when `entry.actor` may make this entry now; otherwise what is wrong. */
  check(entry: CustodyEntry): ActorProblem | null {
    const { actor, action, data, seq } = entry;
    if (seq === 0) {
      if (action !== 'vault.created' || data.publicKey !== actor) {
        return {
          reason: 'unknown-actor',
          detail: `seq 0 must be vault.created with data.publicKey equal to its actor; found ${action}`,
        };
      }
      return null;
    }
    if (action === 'member.key_rotated') return this.checkRotation(entry);
    if ((action === 'member.added' || action === 'member.removed') && !isHex32(data.publicKey)) {
      return { reason: 'malformed', detail: `${action} needs data.publicKey as 64 lowercase hex digits` };
    }
    if (!this.keys.has(actor))
      return {
        reason: 'unknown-actor',
        detail: `actor ${short(actor)} is not a member key introduced earlier in the log (or was retired)`,
      };
    return null;
  }

  /** Records the keys `entry` introduces or retires; call only after check() and the signature passed. */
  apply(entry: CustodyEntry): void {
    const { action, data } = entry;
    if (entry.seq === 0) {
      this.keys.set(entry.actor, true);
    } else if (action === 'member.added') {
      this.keys.set(String(data.publicKey), true);
    } else if (action === 'member.key_rotated') {
      this.keys.delete(String(data.previousPublicKey));
      this.keys.set(String(data.publicKey), true);
    } else if (action === 'member.removed') {
      this.keys.delete(String(data.publicKey));
    }
  }

  // A rotation is signed by the new key, which is not yet known; the retiring key must be.
  private checkRotation(entry: CustodyEntry): ActorProblem | null {
    const { actor, data } = entry;
    if (!isHex32(data.publicKey) || !isHex32(data.previousPublicKey)) {
      return {
        reason: 'malformed',
        detail: 'member.key_rotated needs data.publicKey and data.previousPublicKey as 64 lowercase hex digits',
      };
    }
    if (data.publicKey !== actor) {
      return {
        reason: 'unknown-actor',
        detail:
          `member.key_rotated must be signed by the new key ${short(data.publicKey)}, but its actor is ` +
          `${short(actor)}`,
      };
    }
    if (!this.keys.has(data.previousPublicKey)) {
      return {
        reason: 'unknown-actor',
        detail: `member.key_rotated retires ${short(data.previousPublicKey)}, which is not a current member key`,
      };
    }
    return null;
  }
}

/** Members and recipients as the settings screen lists them: with fingerprints to read aloud. */
import { listRecipients, type RecipientRow } from '../packages/recipients';
import type { ReadDb } from '../vault/database';
import { keyFingerprint } from '../vault/identity';
import { listMembers } from '../vault/members';

/** A member as listed. */
interface MemberView {
  id: string;
  name: string;
  fingerprint: string;
  createdAt: string;
  removedAt: string | null;
  you: boolean;
}

/** The fingerprint of a member's signing key, as `vigil passwd list` prints it: hex in groups of four. */
export function memberFingerprint(publicKeyHex: string): string {
  return (publicKeyHex.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

/** Every member, oldest first; `youId` marks the member who unlocked. */
export function memberViews(db: ReadDb, youId: string): MemberView[] {
  return listMembers(db).map((m) => ({
    id: m.id,
    name: m.name,
    fingerprint: memberFingerprint(m.publicKeyHex),
    createdAt: m.createdAt,
    removedAt: m.removedAt,
    you: m.id === youId,
  }));
}

/** A recipient with the fingerprint of their age key. */
export function recipientView(row: RecipientRow): RecipientRow & { fingerprint: string } {
  return { ...row, fingerprint: keyFingerprint(row.ageRecipient) };
}

/** The address book, by name, with fingerprints. */
export function recipientViews(db: ReadDb): (RecipientRow & { fingerprint: string })[] {
  return listRecipients(db).map(recipientView);
}

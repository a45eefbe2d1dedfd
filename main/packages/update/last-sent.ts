/**
 * The question the export wizard asks before it offers an update: which package of this case
 * went last to exactly these recipients (address-book ids or "age1…" keys, as the wizard holds them).
 */
import { encodeRecipient } from '../../crypto/age';
import { keyFingerprint } from '../../vault/identity';
import type { ReadDb } from '../../vault/database';
import { resolveRecipients } from '../recipients';
import { lastSentPackage } from './sent-packages';

/** The last package of `caseId` to these recipients (its id, when, and with which profile), or null. */
export function lastSentTo(
  db: ReadDb,
  caseId: string,
  recipients: string[],
): { packageId: string; sentAt: string; profile: string } | null {
  if (recipients.length === 0) return null;
  const fingerprints = resolveRecipients(db, recipients.join(',')).map((k) => keyFingerprint(encodeRecipient(k)));
  const sent = lastSentPackage(db, caseId, fingerprints);
  return sent === null ? null : { packageId: sent.packageId, sentAt: sent.sentAt, profile: sent.profile };
}

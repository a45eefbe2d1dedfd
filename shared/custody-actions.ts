/**
 * The custody log's vocabulary: every action the vault writes (DESIGN §3), in one place. The core
 * types its records with it, the contract's readable entry carries it, and the interface has a
 * sentence for each (custody.json `actions.<action with _ for .>`; a test checks every language).
 */
export const CUSTODY_ACTIONS = [
  'vault.created',
  'vault.keys_revealed',
  'vault.recovery_code_replaced',
  'vault.header_upgraded',
  'case.created',
  'case.updated',
  'item.ingested',
  'item.derivative_added',
  'item.opened',
  'item.updated',
  'person.added',
  'person.role_added',
  'person.updated',
  'interview.created',
  'transcript.revised',
  'recording.attached',
  'event.added',
  'event.updated',
  'place.added',
  'request.added',
  'request.answered',
  'member.added',
  'member.removed',
  'member.passphrase_changed',
  'member.key_rotated',
  'recipient.added',
  'recipient.removed',
  'package.exported',
  'package.imported',
  'package.signer_trusted',
  'package.history_accepted',
  'search.rebuilt',
  'checkpoint.timestamped',
  'report.created',
] as const;

/** One action of the custody log. */
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(CUSTODY_ACTIONS);

/** Whether `action` is one this version writes (a log read from elsewhere may hold others). */
export function isCustodyAction(action: string): action is CustodyAction {
  return KNOWN.has(action);
}

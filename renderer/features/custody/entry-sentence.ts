/** Puts a custody entry into words: "Demo investigator revised the transcript of the interview with R-001 (revision 2)". */
import type { TFunction } from 'i18next';
import type { Res } from '../../../shared/contract';

/** One readable entry as custody:entries answers it. */
export type ReadableEntry = Res<'custody:entries'>['entries'][number];
/** A record an entry names. */
export type RecordRef = ReadableEntry['subject'] & object;

/** Actions with their own sentence (custody.json `actions.<action with _ for .>`). */
const KNOWN_ACTIONS = new Set([
  'vault.created', 'vault.keys_revealed', 'vault.recovery_code_replaced', 'vault.header_upgraded', 'case.created', 'case.updated', 'item.ingested', 'item.derivative_added', 'item.opened', 'item.updated',
  'person.added', 'person.role_added', 'person.updated', 'interview.created', 'transcript.revised', 'recording.attached', 'event.added',
  'event.updated', 'place.added', 'request.added', 'request.answered', 'member.added', 'member.removed', 'member.passphrase_changed',
  'member.key_rotated', 'recipient.added', 'recipient.removed', 'package.exported', 'package.imported', 'package.signer_trusted', 'package.history_accepted', 'search.rebuilt', 'checkpoint.timestamped', 'report.created',
]);

/** The readable name of a record: its label, or its kind and a short id when it is gone. */
export function refName(t: TFunction<'custody'>, ref: RecordRef | null): string {
  if (ref === null) return t('ref.nothing');
  if (ref.label !== null) return ref.label;
  return t('ref.missing', { kind: t(`kinds.${ref.kind}`), id: ref.id.slice(0, 8) });
}

function detailText(value: ReadableEntry['details'][string] | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The sentence for `entry`. */
export function entrySentence(t: TFunction<'custody'>, entry: ReadableEntry): string {
  const who = entry.actor.name ?? t('unknownMember', { key: entry.actor.key });
  const values = {
    who,
    subject: refName(t, entry.subject),
    case: refName(t, entry.related.find((r) => r.kind === 'case') ?? null),
    fields: detailText(entry.details.fields),
    revision: detailText(entry.details.revision),
    role: detailText(entry.details.role),
    purpose: detailText(entry.details.purpose),
    items: detailText(entry.details.items),
    fingerprint: detailText(entry.details.fingerprint),
    size: detailText(entry.details.checkpointSize),
    tsa: detailText(entry.details.tsa),
    time: detailText(entry.details.genTime),
    action: entry.action,
  };
  const key = KNOWN_ACTIONS.has(entry.action) ? `actions.${entry.action.replace(/\./g, '_')}` : 'actions.other';
  return t(key, values);
}

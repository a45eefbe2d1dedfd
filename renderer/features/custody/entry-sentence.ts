/**
 * Puts a custody entry into words: "Demo investigator revised the transcript of the interview with R-001 (revision 2)".
 */
import type { TFunction } from 'i18next';
import type { Res } from '../../../shared/contract';

/** One readable entry as custody:entries answers it. */
export type ReadableEntry = Res<'custody:entries'>['entries'][number];
/** A record an entry names. */
type RecordRef = ReadableEntry['subject'] & object;

/** The readable name of a record: its label, or its kind and a short id when it is gone. */
function refName(t: TFunction<'custody'>, ref: RecordRef | null): string {
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
    action: entry.action ?? detailText(entry.details.action),
  };
  // Every action of the vocabulary has its sentence (custody.json `actions.<action with _ for .>`);
  // one a newer version wrote (null) gets the general one, with its name.
  const key = entry.action === null ? 'actions.other' : `actions.${entry.action.replace(/\./g, '_')}`;
  return t(key, values);
}

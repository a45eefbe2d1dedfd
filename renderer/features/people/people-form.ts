/** Small helpers the people forms share: comma-separated lists, and the changed fields of a draft. */
import type { Req, Res } from '../../../shared/contract';

/** A person in full, as people:get answers (for the edit form only). */
export type PersonRecord = Res<'people:get'>;

/** A person as the list shows them. */
export type PersonEntry = Res<'people:list'>[number];

/** "a, b ,, c" → ['a', 'b', 'c']. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** ['a', 'b'] → "a, b". */
export function joinList(values: readonly string[]): string {
  return values.join(', ');
}

/** The editable fields of a person, as text inputs hold them. */
export interface PersonDraft {
  name: string;
  code: string;
  aliases: string;
  contact: string;
  notes: string;
}

/** The draft of an existing person. */
export function draftOf(p: PersonRecord): PersonDraft {
  return { name: p.name, code: p.code, aliases: joinList(p.aliases), contact: p.contact, notes: p.notes };
}

/** Only the fields that differ, so the custody entry names exactly what changed. */
export function changesOf(before: PersonRecord, d: PersonDraft): Req<'people:update'>['changes'] {
  const aliases = splitList(d.aliases);
  return {
    ...(d.name.trim() !== before.name ? { name: d.name.trim() } : {}),
    ...(d.code.trim().toUpperCase() !== before.code ? { code: d.code.trim() } : {}),
    ...(joinList(aliases) !== joinList(before.aliases) ? { aliases } : {}),
    ...(d.contact !== before.contact ? { contact: d.contact } : {}),
    ...(d.notes !== before.notes ? { notes: d.notes } : {}),
  };
}

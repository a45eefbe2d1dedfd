/**
 * Protected names in originals. A profile replaces the names of protected
 * people in every text Vigil writes, but an original leaves the vault byte for
 * byte: a letter or an official reply that names the detainee still names them
 * in the package. So the export looks for those names in what it knows of each
 * item (its extracted text, file name, title and notes), with the matcher that
 * does the replacing, and will not go on until the sender has confirmed.
 * Hits are reported by the person's code, never by the name itself.
 */
import { VigilError } from '../../../shared/errors';
import { getItemText, type ItemSummary } from '../../evidence/items';
import type { ReadDb } from '../../vault/database';
import type { NamePolicy } from './names';

/** Where in an item a protected name was found. */
type NameHitField = 'text' | 'fileName' | 'title' | 'notes';

/** One item that names one protected person: who by code, how often and where, never the name itself. */
export interface NameHit {
  itemId: string;
  /** The item's number in the package (data/items/NNN-…), from 1. */
  position: number;
  /** The item's title with protected names replaced by their codes. */
  title: string;
  code: string;
  count: number;
  fields: NameHitField[];
}

/** The free-text notes of an item (who acquired it, how, the note), as one text. */
function notesOf(item: ItemSummary): string {
  return Object.values((item.acquisition ?? {}) as Record<string, unknown>)
    .filter((v): v is string => typeof v === 'string')
    .join('\n');
}

/** The hits of one item, one per protected person it names, by code. */
function itemHits(db: ReadDb, item: ItemSummary, position: number, policy: NamePolicy): NameHit[] {
  // The matcher takes "_", "-", "." and any other non-word run for a space, as file names use them.
  const fields: [NameHitField, string][] = [
    ['text', getItemText(db, item.id)],
    ['fileName', item.fileName],
    ['title', item.title],
    ['notes', notesOf(item)],
  ];
  const byCode = new Map<string, NameHit>();
  for (const [field, value] of fields) {
    for (const [code, count] of policy.count(value)) {
      const hit = byCode.get(code) ?? {
        itemId: item.id,
        position,
        title: policy.text(item.title),
        code,
        count: 0,
        fields: [],
      };
      hit.count += count;
      hit.fields.push(field);
      byCode.set(code, hit);
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Every protected name in the items as the package will hold them (in package order); empty when the profile hides no
 * one.
 */
export function findProtectedNames(db: ReadDb, items: ItemSummary[], policy: NamePolicy): NameHit[] {
  if (!policy.replaces) return [];
  return items.flatMap((item, i) => itemHits(db, item, i + 1, policy));
}

const FIELD_WORDS: Record<NameHitField, string> = {
  text: 'text',
  fileName: 'file name',
  title: 'title',
  notes: 'notes',
};

/** One hit as a line a person reads: item number, title, id, code, count and where. */
export function describeNameHit(h: NameHit): string {
  return (
    `item ${String(h.position).padStart(3, '0')} "${h.title}" (${h.itemId}): ${h.code} ×${h.count} in ` +
    `${h.fields.map((f) => FIELD_WORDS[f]).join(', ')}`
  );
}

/**
 * The refusal of an export whose originals name protected people; it carries the hits, so a caller can list them as
 * data.
 */
export class UnconfirmedNamesError extends VigilError {
  constructor(readonly hits: NameHit[]) {
    const items = new Set(hits.map((h) => h.itemId)).size;
    super(
      'INVALID_INPUT',
      [
        `Not exported: ${items} item(s) name people this profile protects, and originals leave the vault unchanged:`,
        ...hits.map((h) => `  ${describeNameHit(h)}`),
        'Leave these items out, export a redacted derivative instead, or confirm that you have checked them ' +
          '(vigil export --confirm-names; in the app, "I have checked these items" in the preview). Nothing was ' +
          'written.',
      ].join('\n'),
    );
  }
}

/** Refuses (UnconfirmedNamesError) an export whose originals name protected people unless the sender confirmed it. */
export function assertNamesConfirmed(hits: NameHit[], confirmed: boolean): void {
  if (hits.length > 0 && !confirmed) throw new UnconfirmedNamesError(hits);
}

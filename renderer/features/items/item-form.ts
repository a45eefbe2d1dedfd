/** The metadata form's values, and the change set they make against the stored item. */
import { datePrecision, isValidPartialDate, type DatePrecision, type ItemKind } from '../../../shared/domain';
import type { Req } from '../../../shared/contract';
import type { ItemDetail } from './format';

/** What the form edits (all strings, as inputs hold them). */
export interface ItemFormValues {
  title: string;
  kind: ItemKind;
  date: string;
  dateApprox: boolean;
  sourcePersonId: string;
  who: string;
  when: string;
  how: string;
  note: string;
}

/** The form's starting values for an item. */
export function formValuesOf(d: ItemDetail): ItemFormValues {
  const a = d.acquisition ?? {};
  return {
    title: d.title,
    kind: d.kind,
    date: d.date ?? '',
    dateApprox: d.dateApprox,
    sourcePersonId: d.sourcePersonId ?? '',
    who: a.who ?? '',
    when: a.when ?? '',
    how: a.how ?? '',
    note: a.note ?? '',
  };
}

/** The precision of a typed date, or 'invalid' (empty is fine: no date). */
export function datePrecisionOf(value: string): DatePrecision | 'invalid' | 'none' {
  const v = value.trim();
  if (v === '') return 'none';
  return isValidPartialDate(v) ? datePrecision(v) : 'invalid';
}

/** Only the fields that differ from the item, in the shape items:update takes. */
export function changesOf(d: ItemDetail, v: ItemFormValues): Req<'items:update'>['changes'] {
  const start = formValuesOf(d);
  const changes: Req<'items:update'>['changes'] = {};
  if (v.title.trim() !== start.title) changes.title = v.title.trim();
  if (v.kind !== start.kind) changes.kind = v.kind;
  if (v.date.trim() !== start.date) changes.date = v.date.trim() === '' ? null : v.date.trim();
  if (v.dateApprox !== start.dateApprox) changes.dateApprox = v.dateApprox;
  if (v.sourcePersonId !== start.sourcePersonId)
    changes.sourcePersonId = v.sourcePersonId === '' ? null : v.sourcePersonId;
  const acquisitionChanged = (['who', 'when', 'how', 'note'] as const).some((k) => v[k].trim() !== start[k]);
  if (acquisitionChanged) {
    const entries = (['who', 'when', 'how', 'note'] as const)
      .map((k) => [k, v[k].trim()] as const)
      .filter(([, value]) => value !== '');
    changes.acquisition = Object.fromEntries(entries);
  }
  return changes;
}

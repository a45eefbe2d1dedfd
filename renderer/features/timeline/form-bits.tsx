/**
 * Form pieces the timeline, request and interview editors share: a partial
 * date field, the people of a case as picker options, and a failure notice.
 */
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonRole } from '../../../shared/domain';
import { isValidPartialDate } from '../../../shared/domain';
import { useApiQuery } from '../../api/queries';

/** True when `text` is empty (and allowed to be) or a YYYY, YYYY-MM or YYYY-MM-DD date. */
export function partialDateOk(text: string, optional: boolean): boolean {
  const value = text.trim();
  return value === '' ? optional : isValidPartialDate(value);
}

/** A date field that takes a year, a month or a day, and says what is wrong as the person types. */
export function PartialDateInput(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  description?: string;
}): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const required = props.required ?? false;
  const invalid = props.value.trim() !== '' && !partialDateOk(props.value, !required);
  return (
    <TextInput
      label={props.label}
      description={props.description ?? t('dateHint')}
      placeholder="2026-03-14"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      required={required}
      error={invalid ? t('dateInvalid') : undefined}
      autoComplete="off"
      spellCheck={false}
    />
  );
}

/** One person of the case as a picker shows them: by code, with their roles. */
interface PersonOption {
  value: string;
  label: string;
  roles: PersonRole[];
}

/** The people of a case as select options ("D-001 · detainee"); names never appear in pickers. */
export function usePersonOptions(caseId: string): PersonOption[] {
  const { t } = useTranslation('timeline');
  const people = useApiQuery('people:list', { caseId });
  return (people.data ?? []).map((p) => ({
    value: p.id,
    label: `${p.code} · ${p.roles.map((r) => t(`roles.${r}`)).join(', ')}`,
    roles: p.roles,
  }));
}

/** A failed save or load, in words the person can act on (the shared notice, kept here for the editors' imports). */
export { FailureNotice } from '../../components/QueryStatus';

/** A partial date for reading: "2026-03-14", with "~" before it when approximate. */
export function shownDate(date: string | null, approx: boolean): string {
  if (date === null) return '—';
  return approx ? `~${date}` : date;
}

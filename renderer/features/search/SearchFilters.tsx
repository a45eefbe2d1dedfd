/** The search filters: case, person (by code), kinds of record, date range. */
import { Button, Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SEARCH_HIT_KINDS } from '../../../shared/areas/search.values';
import { useApiQuery } from '../../api/queries';
import { dateLooksValid, NO_FILTERS, type FilterState } from './useSearch';

/** The filter controls; `onChange` gets the whole new state. */
export function SearchFilters({
  value,
  onChange,
}: {
  value: FilterState;
  onChange: (next: FilterState) => void;
}): React.JSX.Element {
  const { t } = useTranslation('search');
  const facets = useApiQuery('search:facets', {});
  const cases = facets.data?.cases ?? [];
  const people = (facets.data?.people ?? []).filter((p) => value.caseId === '' || p.caseIds.includes(value.caseId));
  const set = (patch: Partial<FilterState>): void => onChange({ ...value, ...patch });
  return (
    <Stack gap="sm" component="fieldset" className="search-filters">
      <legend className="search-filters__legend">{t('filters')}</legend>
      {/* A CSS grid: Mantine's SimpleGrid injects a <style> element, which the CSP refuses. */}
      <div className="search-filters__grid">
        <NativeSelect
          label={t('case')}
          value={value.caseId}
          onChange={(e) => set({ caseId: e.currentTarget.value, personId: '' })}
          data={[{ value: '', label: t('anyCase') }, ...cases.map((c) => ({ value: c.id, label: c.title }))]}
        />
        <NativeSelect
          label={t('person')}
          value={value.personId}
          onChange={(e) => set({ personId: e.currentTarget.value })}
          data={[{ value: '', label: t('anyPerson') }, ...people.map((p) => ({ value: p.id, label: p.code }))]}
        />
        <TextInput
          label={t('dateFrom')}
          placeholder={t('dateHint')}
          value={value.dateFrom}
          onChange={(e) => set({ dateFrom: e.currentTarget.value })}
          error={dateLooksValid(value.dateFrom) ? undefined : t('badDate')}
        />
        <TextInput
          label={t('dateTo')}
          placeholder={t('dateHint')}
          value={value.dateTo}
          onChange={(e) => set({ dateTo: e.currentTarget.value })}
          error={dateLooksValid(value.dateTo) ? undefined : t('badDate')}
        />
      </div>
      <Checkbox.Group label={t('kinds')} value={value.kinds} onChange={(kinds) => set({ kinds })}>
        <Group gap="md" mt={4}>
          {SEARCH_HIT_KINDS.map((kind) => (
            <Checkbox key={kind} value={kind} label={t(`kind.${kind}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group>
        <Button variant="subtle" onClick={() => onChange(NO_FILTERS)}>
          {t('clear')}
        </Button>
      </Group>
    </Stack>
  );
}

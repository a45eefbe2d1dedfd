/** The events of a case in timeline order: date, type, place, person, what happened, and an Edit button. */
import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { datePrecision } from '../../../shared/domain';
import { DataTable, type Column } from '../../components/DataTable';
import { shownDate } from './form-bits';

/** One event as timeline:events answers. */
export type TimelineEvent = Res<'timeline:events'>[number];

/** The table of events; `onEdit` opens the edit form for one. */
export function EventsTable({
  events,
  onEdit,
}: {
  events: TimelineEvent[];
  onEdit: (e: TimelineEvent) => void;
}): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const columns: Column<TimelineEvent>[] = [
    {
      header: t('col.date'),
      cell: (e) => (
        <Text size="sm" ff="monospace" className="vigil-nowrap" title={t(`precision.${datePrecision(e.date)}`)}>
          {shownDate(e.date, e.dateApprox)}
          {e.endDate !== null && ` – ${e.endDate}`}
        </Text>
      ),
    },
    {
      header: t('col.type'),
      cell: (e) => (
        <Text size="sm" fw={600}>
          {t(`types.${e.type}`)}
        </Text>
      ),
    },
    {
      header: t('col.place'),
      cell: (e) => (
        <Text size="sm">{e.place === null ? '—' : `${e.place.name} (${t(`placeTypes.${e.place.type}`)})`}</Text>
      ),
    },
    {
      header: t('col.person'),
      cell: (e) => (
        <Text size="sm" className="vigil-nowrap">
          {e.person.code}
        </Text>
      ),
    },
    {
      header: t('col.description'),
      cell: (e) => (
        <Text size="sm" className="timeline__description">
          {e.description}
        </Text>
      ),
    },
    {
      header: t('col.actions'),
      headerHidden: true,
      cell: (e) => (
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => onEdit(e)}
          aria-label={t('editOf', { type: t(`types.${e.type}`), date: e.date })}
        >
          {t('edit')}
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      label={t('eventsLabel')}
      columns={columns}
      rows={events}
      rowKey={(e) => e.id}
      minWidth={760}
      verticalSpacing="sm"
    />
  );
}

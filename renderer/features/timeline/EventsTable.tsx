/** The events of a case in timeline order: date, type, place, person, what happened, and an Edit button. */
import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { datePrecision } from '../../../shared/domain';
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
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label={t('eventsLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('col.date')}</Table.Th>
            <Table.Th scope="col">{t('col.type')}</Table.Th>
            <Table.Th scope="col">{t('col.place')}</Table.Th>
            <Table.Th scope="col">{t('col.person')}</Table.Th>
            <Table.Th scope="col">{t('col.description')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('col.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Text size="sm" ff="monospace" className="vigil-nowrap" title={t(`precision.${datePrecision(e.date)}`)}>
                  {shownDate(e.date, e.dateApprox)}
                  {e.endDate !== null && ` – ${e.endDate}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t(`types.${e.type}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.place === null ? '—' : `${e.place.name} (${t(`placeTypes.${e.place.type}`)})`}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="vigil-nowrap">
                  {e.person.code}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="timeline__description">
                  {e.description}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => onEdit(e)}
                  aria-label={t('editOf', { type: t(`types.${e.type}`), date: e.date })}
                >
                  {t('edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

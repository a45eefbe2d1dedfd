/** The timeline editor: a case's events in date order, add and edit events, and the places they happened at. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { EmptyNotice, ListTab } from '../../components/ListTab';
import { EventModal } from './EventModal';
import { EventsTable, type TimelineEvent } from './EventsTable';
import { PlacesPanel } from './PlacesPanel';
import './timeline.css';

type Dialog = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; event: TimelineEvent };

/** The timeline editor. */
export function TimelineTab({ caseId }: { caseId: string }): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const events = useApiQuery('timeline:events', { caseId });
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const close = (): void => setDialog({ kind: 'none' });
  return (
    <ListTab
      title={t('title')}
      intro={t('intro')}
      addLabel={t('add')}
      onAdd={() => setDialog({ kind: 'add' })}
      status={{
        pending: events.isPending,
        loadingLabel: t('loading'),
        failedTitle: t('loadFailed'),
        error: events.error?.message,
      }}
    >
      {events.data?.length === 0 && <EmptyNotice text={t('empty')} />}
      {events.data !== undefined && events.data.length > 0 && (
        <EventsTable events={events.data} onEdit={(event) => setDialog({ kind: 'edit', event })} />
      )}
      <PlacesPanel />
      {dialog.kind !== 'none' && (
        <EventModal caseId={caseId} existing={dialog.kind === 'edit' ? dialog.event : null} onClose={close} />
      )}
    </ListTab>
  );
}

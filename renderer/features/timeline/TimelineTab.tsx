/** The timeline editor: a case's events in date order, add and edit events, and the places they happened at. */
import { Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { EventModal } from './EventModal';
import { EventsTable, type TimelineEvent } from './EventsTable';
import { FailureNotice } from './form-bits';
import { PlacesPanel } from './PlacesPanel';
import './timeline.css';
// The shared fix for the primary colour's contrast (see that file).
import '../cases/contrast.css';

type Dialog = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; event: TimelineEvent };

/** The timeline editor. */
export function TimelineTab({ caseId }: { caseId: string }): React.JSX.Element {
  const { t } = useTranslation('timeline');
  const events = useApiQuery('timeline:events', { caseId });
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const close = (): void => setDialog({ kind: 'none' });
  return (
    <Stack className="vigil-contrast">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        <Button onClick={() => setDialog({ kind: 'add' })}>{t('add')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      {events.isPending && <Loader aria-label={t('loading')} />}
      <FailureNotice title={t('loadFailed')} message={events.error?.message} />
      {events.data?.length === 0 && (
        <Paper withBorder p="lg">
          <Text>{t('empty')}</Text>
        </Paper>
      )}
      {events.data !== undefined && events.data.length > 0 && <EventsTable events={events.data} onEdit={(event) => setDialog({ kind: 'edit', event })} />}
      <PlacesPanel />
      {dialog.kind !== 'none' && <EventModal caseId={caseId} existing={dialog.kind === 'edit' ? dialog.event : null} onClose={close} />}
    </Stack>
  );
}

/**
 * Redaction of the open item into a new derivative (the original never changes): boxes drawn
 * over a PDF page or an image, or every occurrence of one person's names (PDF, text). The core
 * makes and checks the copy; the new derivative opens when it is stored.
 */
import { Alert, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RedactionBox } from '../../../shared/redaction';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { viewerFor, type ItemDetail } from './format';

/** The boxes being drawn on the open item, owned by the detail panel (the viewer draws them). */
interface RedactState {
  drawing: boolean;
  boxes: RedactionBox[];
  setDrawing: (on: boolean) => void;
  setBoxes: (boxes: RedactionBox[]) => void;
}

function BoxTools({
  detail,
  state,
  onOpen,
}: {
  detail: ItemDetail;
  state: RedactState;
  onOpen: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const redact = useApiMutation('items:redact');
  const stop = (): void => {
    state.setBoxes([]);
    state.setDrawing(false);
  };
  if (!state.drawing) {
    return (
      <Button variant="default" size="compact-sm" onClick={() => state.setDrawing(true)}>
        {t('redact.draw')}
      </Button>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm">{t('redact.drawHint')}</Text>
      <Text size="sm" data-testid="redact-count">
        {t('redact.marked', { count: state.boxes.length })}
      </Text>
      {redact.isError && <Alert color="red">{redact.error.message}</Alert>}
      <Group gap="xs">
        <Button
          variant="default"
          size="compact-sm"
          disabled={state.boxes.length === 0}
          onClick={() => state.setBoxes(state.boxes.slice(0, -1))}
        >
          {t('redact.undo')}
        </Button>
        <Button variant="default" size="compact-sm" onClick={stop}>
          {t('redact.cancel')}
        </Button>
        <Button
          size="compact-sm"
          disabled={state.boxes.length === 0}
          loading={redact.isPending}
          onClick={() =>
            redact.mutate(
              { id: detail.id, boxes: state.boxes },
              {
                onSuccess: (done) => {
                  stop();
                  onOpen(done.item.id);
                },
              },
            )
          }
        >
          {t('redact.apply')}
        </Button>
      </Group>
    </Stack>
  );
}

function NameTools({
  detail,
  caseId,
  onOpen,
}: {
  detail: ItemDetail;
  caseId: string;
  onOpen: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('items');
  const people = useApiQuery('people:list', { caseId });
  const [personId, setPersonId] = useState('');
  const redact = useApiMutation('items:redact');
  // Codes only: the window shows no names it was not asked to reveal.
  const options = [
    { value: '', label: t('redact.personPlaceholder') },
    ...(people.data ?? []).map((p) => ({ value: p.id, label: p.code })),
  ];
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        <NativeSelect
          label={t('redact.person')}
          data={options}
          value={personId}
          onChange={(e) => setPersonId(e.currentTarget.value)}
          size="xs"
        />
        <Button
          size="compact-sm"
          disabled={personId === ''}
          loading={redact.isPending}
          onClick={() =>
            personId !== '' && redact.mutate({ id: detail.id, personId }, { onSuccess: (done) => onOpen(done.item.id) })
          }
        >
          {t('redact.names')}
        </Button>
      </Group>
      {redact.isError && <Alert color="red">{redact.error.message}</Alert>}
    </Stack>
  );
}

/** The redaction tools for `detail` (nothing for media that cannot be redacted). */
export function RedactTools({
  detail,
  caseId,
  state,
  onOpen,
}: {
  detail: ItemDetail;
  caseId: string;
  state: RedactState;
  onOpen: (id: string) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation('items');
  const viewer = viewerFor(detail.mediaType, false);
  const boxes = viewer === 'pdf' || viewer === 'image';
  const names = viewer === 'pdf' || viewer === 'text';
  if (!boxes && !names) return null;
  return (
    <Stack gap="xs" aria-label={t('redact.heading')} role="group">
      <Title order={3} size="h5">
        {t('redact.heading')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('redact.note')}
      </Text>
      {boxes && <BoxTools detail={detail} state={state} onOpen={onOpen} />}
      {names && <NameTools detail={detail} caseId={caseId} onOpen={onOpen} />}
    </Stack>
  );
}

/** The request register as a table: sent when, by whom, to whom, how, about what, and the answer. */
import { Badge, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import type { ResponseKind } from '../../../shared/domain';
import { DataTable, type Column } from '../../components/DataTable';

/** One request as requests:list answers. */
export type RequestRow = Res<'requests:list'>[number];

// Filled and dark enough for WCAG AA contrast with their text (yellow takes dark text through autoContrast).
const RESPONSE_COLOURS: Record<ResponseKind, string> = {
  none: 'gray.7',
  token: 'yellow.4',
  denial: 'red.9',
  substantive: 'teal.9',
};

function ResponseCell({ row }: { row: RequestRow }): React.JSX.Element {
  const { t } = useTranslation('requests');
  if (row.response === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('awaiting')}
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      <Badge color={RESPONSE_COLOURS[row.response]} variant="filled" autoContrast>
        {t(`kinds.${row.response}`)}
      </Badge>
      <Text size="xs" className="vigil-nowrap">
        {row.responseDate}
      </Text>
      {row.responseNote !== '' && <Text size="xs">{row.responseNote}</Text>}
    </Stack>
  );
}

/** The table; `onAnswer` opens the answer form for one request. */
export function RequestsTable({
  rows,
  onAnswer,
}: {
  rows: RequestRow[];
  onAnswer: (row: RequestRow) => void;
}): React.JSX.Element {
  const { t } = useTranslation('requests');
  const columns: Column<RequestRow>[] = [
    {
      header: t('col.date'),
      cell: (r) => (
        <Text size="sm" ff="monospace" className="vigil-nowrap">
          {r.date}
        </Text>
      ),
    },
    { header: t('col.by'), className: 'vigil-nowrap', cell: (r) => r.requesterCode ?? '—' },
    {
      header: t('col.about'),
      cell: (r) => (
        <>
          <Text size="sm" className="vigil-nowrap">
            {r.personCode}
          </Text>
          {r.about !== '' && <Text size="xs">{r.about}</Text>}
        </>
      ),
    },
    { header: t('col.recipient'), cell: (r) => r.recipient },
    { header: t('col.channel'), cell: (r) => r.channel || '—' },
    { header: t('col.response'), cell: (r) => <ResponseCell row={r} /> },
    {
      header: t('col.actions'),
      headerHidden: true,
      cell: (r) => (
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => onAnswer(r)}
          aria-label={t('answerOf', { date: r.date, recipient: r.recipient })}
        >
          {r.response === null ? t('answer') : t('answerAgain')}
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      label={t('tableLabel')}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      minWidth={860}
      verticalSpacing="sm"
    />
  );
}

/** The request register as a table: sent when, by whom, to whom, how, about what, and the answer. */
import { Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import type { ResponseKind } from '../../../shared/domain';

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
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" aria-label={t('tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('col.date')}</Table.Th>
            <Table.Th scope="col">{t('col.by')}</Table.Th>
            <Table.Th scope="col">{t('col.about')}</Table.Th>
            <Table.Th scope="col">{t('col.recipient')}</Table.Th>
            <Table.Th scope="col">{t('col.channel')}</Table.Th>
            <Table.Th scope="col">{t('col.response')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('col.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm" ff="monospace" className="vigil-nowrap">
                  {r.date}
                </Text>
              </Table.Td>
              <Table.Td className="vigil-nowrap">{r.requesterCode ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" className="vigil-nowrap">
                  {r.personCode}
                </Text>
                {r.about !== '' && <Text size="xs">{r.about}</Text>}
              </Table.Td>
              <Table.Td>{r.recipient}</Table.Td>
              <Table.Td>{r.channel || '—'}</Table.Td>
              <Table.Td>
                <ResponseCell row={r} />
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => onAnswer(r)}
                  aria-label={t('answerOf', { date: r.date, recipient: r.recipient })}
                >
                  {r.response === null ? t('answer') : t('answerAgain')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

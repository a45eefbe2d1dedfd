/** The request register: every request to the authorities with its answer, counts, a filter, add and answer. */
import { Group, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../shared/errors';
import { useApiQuery } from '../../api/queries';
import { EmptyNotice, ListTab } from '../../components/ListTab';
import { AddRequestModal } from './AddRequestModal';
import { AnswerModal } from './AnswerModal';
import { RequestsTable, type RequestRow } from './RequestsTable';
import '../timeline/timeline.css';

const FILTERS = ['all', 'unanswered', 'answered'] as const;
type Filter = (typeof FILTERS)[number];
type Dialog = { kind: 'none' } | { kind: 'add' } | { kind: 'answer'; row: RequestRow };

/** As the core's statistics count it: a recorded `none` means no answer came, so it stays unanswered. */
function isAnswered(row: RequestRow): boolean {
  return row.responseDate !== null && row.response !== null && row.response !== 'none';
}

function matches(row: RequestRow, filter: Filter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'unanswered':
      return !isAnswered(row);
    case 'answered':
      return isAnswered(row);
    default:
      return assertNever(filter, 'request filter');
  }
}

/** The request register editor. */
export function RequestsTab({ caseId }: { caseId: string }): React.JSX.Element {
  const { t } = useTranslation('requests');
  const list = useApiQuery('requests:list', { caseId });
  const [filter, setFilter] = useState<Filter>('all');
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const rows = list.data ?? [];
  const unanswered = rows.filter((r) => !isAnswered(r)).length;
  const shown = rows.filter((r) => matches(r, filter));
  return (
    <ListTab
      title={t('title')}
      intro={t('intro')}
      addLabel={t('add')}
      onAdd={() => setDialog({ kind: 'add' })}
      status={{
        pending: list.isPending,
        loadingLabel: t('loading'),
        failedTitle: t('loadFailed'),
        error: list.error?.message,
      }}
    >
      {list.data !== undefined && (
        <Group justify="space-between" align="center">
          <Text role="status" fw={600} data-testid="request-counts">
            {t('counts', { total: rows.length, unanswered })}
          </Text>
          <SegmentedControl
            aria-label={t('filterLabel')}
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            data={FILTERS.map((f) => ({ value: f, label: t(`filter.${f}`) }))}
          />
        </Group>
      )}
      {list.data !== undefined && shown.length === 0 && (
        <EmptyNotice text={rows.length === 0 ? t('empty') : t('noneMatch')} />
      )}
      {shown.length > 0 && <RequestsTable rows={shown} onAnswer={(row) => setDialog({ kind: 'answer', row })} />}
      {dialog.kind === 'add' && <AddRequestModal caseId={caseId} onClose={() => setDialog({ kind: 'none' })} />}
      {dialog.kind === 'answer' && <AnswerModal row={dialog.row} onClose={() => setDialog({ kind: 'none' })} />}
    </ListTab>
  );
}

/**
 * Every revision of a transcript (number, date, author, note, hash verified?) and the differences between two of them.
 */
import { Badge, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiQuery } from '../../api/queries';
import { DataTable, type Column } from '../../components/DataTable';
import { FailureNotice } from '../timeline/form-bits';
import { DiffView } from './DiffView';

type Revision = Res<'interviews:revisions'>[number];

function Differences({ interviewId, from, to }: { interviewId: string; from: number; to: number }): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const diff = useApiQuery('interviews:diff', { interviewId, from, to });
  if (diff.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (diff.data === undefined) return <FailureNotice title={t('diff.failed')} message={diff.error?.message} />;
  return <DiffView from={diff.data.from} to={diff.data.to} diff={diff.data.diff} />;
}

/** The history of `interviewId`'s transcript. */
export function RevisionHistory({ interviewId }: { interviewId: string }): React.JSX.Element {
  const { t, i18n } = useTranslation('interviews');
  const revisions = useApiQuery('interviews:revisions', { interviewId });
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  const list = revisions.data ?? [];
  const last = list[list.length - 1]?.revision ?? 0;
  const from = picked?.from ?? Math.max(1, last - 1);
  const to = picked?.to ?? last;
  const options = list.map((r) => ({ value: String(r.revision), label: t('history.revisionN', { n: r.revision }) }));
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const columns: Column<Revision>[] = [
    { header: t('history.col.revision'), cell: (r) => r.revision },
    { header: t('history.col.date'), cell: (r) => when.format(new Date(r.createdAt)) },
    { header: t('history.col.author'), cell: (r) => r.createdBy.name },
    { header: t('history.col.note'), cell: (r) => r.note || '—' },
    { header: t('history.col.segments'), cell: (r) => r.segmentCount },
    {
      header: t('history.col.hash'),
      cell: (r) => (
        <Badge color={r.verified ? 'teal.9' : 'red.9'} variant="filled" autoContrast title={r.sha256}>
          {r.verified ? t('history.verified') : t('history.notVerified')}
        </Badge>
      ),
    },
  ];
  if (revisions.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (revisions.error !== null) return <FailureNotice title={t('loadFailed')} message={revisions.error.message} />;
  if (list.length === 0) return <Text>{t('history.none')}</Text>;
  return (
    <Stack>
      <DataTable label={t('history.label')} columns={columns} rows={list} rowKey={(r) => r.id} verticalSpacing="xs" />
      {list.length > 1 && (
        <>
          <Group align="flex-end">
            <NativeSelect
              label={t('history.from')}
              value={String(from)}
              onChange={(e) => setPicked({ from: Number(e.currentTarget.value), to })}
              data={options}
            />
            <NativeSelect
              label={t('history.to')}
              value={String(to)}
              onChange={(e) => setPicked({ from, to: Number(e.currentTarget.value) })}
              data={options}
            />
          </Group>
          <Differences interviewId={interviewId} from={from} to={to} />
        </>
      )}
    </Stack>
  );
}

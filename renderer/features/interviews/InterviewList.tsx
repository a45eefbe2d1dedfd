/** The interviews of a case: date, mode, interviewee by code, interviewer, recording, revisions; open or create one. */
import { Badge, Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiQuery } from '../../api/queries';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyNotice, ListTab } from '../../components/ListTab';
import { shownDate } from '../timeline/form-bits';
import { NewInterviewModal } from './NewInterviewModal';

type Interview = Res<'interviews:list'>[number];

function InterviewsTable({
  interviews,
  onOpen,
}: {
  interviews: Interview[];
  onOpen: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const columns: Column<Interview>[] = [
    {
      header: t('col.date'),
      cell: (iv) => (
        <Text size="sm" ff="monospace" className="vigil-nowrap">
          {shownDate(iv.date, iv.dateApprox)}
        </Text>
      ),
    },
    {
      header: t('col.interviewee'),
      cell: (iv) => (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => onOpen(iv.id)}
          aria-label={t('openOf', { code: iv.intervieweeCode, date: iv.date ?? t('undated') })}
        >
          {iv.intervieweeCode}
        </Button>
      ),
    },
    { header: t('col.mode'), cell: (iv) => t(`modes.${iv.mode}`) },
    { header: t('col.interviewer'), cell: (iv) => iv.interviewerName },
    {
      header: t('col.recording'),
      cell: (iv) =>
        iv.recordingItemIds.length > 0 ? (
          <Badge variant="filled" color="teal.9" autoContrast>
            {t('recordings', { count: iv.recordingItemIds.length })}
          </Badge>
        ) : (
          <Text size="sm">{t('noRecording')}</Text>
        ),
    },
    {
      header: t('col.transcript'),
      cell: (iv) =>
        iv.currentRevision === null ? t('noTranscript') : t('revisionCount', { count: iv.currentRevision }),
    },
  ];
  return (
    <DataTable
      label={t('tableLabel')}
      columns={columns}
      rows={interviews}
      rowKey={(iv) => iv.id}
      minWidth={760}
      verticalSpacing="sm"
      highlightOnHover
    />
  );
}

/** The list with its New button; `onOpen` opens an interview's transcript. */
export function InterviewList({ caseId, onOpen }: { caseId: string; onOpen: (id: string) => void }): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const list = useApiQuery('interviews:list', { caseId });
  const [creating, setCreating] = useState(false);
  return (
    <ListTab
      title={t('title')}
      addLabel={t('new')}
      onAdd={() => setCreating(true)}
      status={{
        pending: list.isPending,
        loadingLabel: t('loading'),
        failedTitle: t('loadFailed'),
        error: list.error?.message,
      }}
    >
      {list.data?.length === 0 && <EmptyNotice text={t('empty')} />}
      {list.data !== undefined && list.data.length > 0 && <InterviewsTable interviews={list.data} onOpen={onOpen} />}
      {creating && (
        <NewInterviewModal
          caseId={caseId}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onOpen(id);
          }}
        />
      )}
    </ListTab>
  );
}

/** The interviews of a case: date, mode, interviewee by code, interviewer, recording, revisions; open or create one. */
import { Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { TabHeader } from '../../components/TabHeader';
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
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('col.date')}</Table.Th>
            <Table.Th scope="col">{t('col.interviewee')}</Table.Th>
            <Table.Th scope="col">{t('col.mode')}</Table.Th>
            <Table.Th scope="col">{t('col.interviewer')}</Table.Th>
            <Table.Th scope="col">{t('col.recording')}</Table.Th>
            <Table.Th scope="col">{t('col.transcript')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {interviews.map((iv) => (
            <Table.Tr key={iv.id}>
              <Table.Td>
                <Text size="sm" ff="monospace" className="vigil-nowrap">
                  {shownDate(iv.date, iv.dateApprox)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => onOpen(iv.id)}
                  aria-label={t('openOf', { code: iv.intervieweeCode, date: iv.date ?? t('undated') })}
                >
                  {iv.intervieweeCode}
                </Button>
              </Table.Td>
              <Table.Td>{t(`modes.${iv.mode}`)}</Table.Td>
              <Table.Td>{iv.interviewerName}</Table.Td>
              <Table.Td>
                {iv.recordingItemIds.length > 0 ? (
                  <Badge variant="filled" color="teal.9" autoContrast>
                    {t('recordings', { count: iv.recordingItemIds.length })}
                  </Badge>
                ) : (
                  <Text size="sm">{t('noRecording')}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {iv.currentRevision === null ? t('noTranscript') : t('revisionCount', { count: iv.currentRevision })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The list with its New button; `onOpen` opens an interview's transcript. */
export function InterviewList({ caseId, onOpen }: { caseId: string; onOpen: (id: string) => void }): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const list = useApiQuery('interviews:list', { caseId });
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      <TabHeader title={t('title')} actions={<Button onClick={() => setCreating(true)}>{t('new')}</Button>} />
      <QueryStatus
        pending={list.isPending}
        loadingLabel={t('loading')}
        failedTitle={t('loadFailed')}
        error={list.error?.message}
      />
      {list.data?.length === 0 && (
        <Paper withBorder p="lg">
          <Text>{t('empty')}</Text>
        </Paper>
      )}
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
    </Stack>
  );
}

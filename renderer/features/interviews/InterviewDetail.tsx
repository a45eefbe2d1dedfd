/** One interview: its details, the recording, the transcript editor and the revision history. */
import { Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { FailureNotice, shownDate } from '../timeline/form-bits';
import { RecordingPanel } from './RecordingPanel';
import { RevisionHistory } from './RevisionHistory';
import { TranscriptPane } from './TranscriptPane';

/** The detail view of `interviewId`; `onBack` returns to the list. */
export function InterviewDetail({
  caseId,
  interviewId,
  onBack,
}: {
  caseId: string;
  interviewId: string;
  onBack: () => void;
}): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const { t: tc } = useTranslation('common');
  const interview = useApiQuery('interviews:get', { id: interviewId });
  const mediaRef = useRef<HTMLMediaElement | null>(null);
  const [currentMs, setCurrentMs] = useState<number | null>(null);
  const [view, setView] = useState<string>('transcript');
  const seek = useCallback((ms: number) => {
    const player = mediaRef.current;
    if (player !== null) player.currentTime = ms / 1000;
    setCurrentMs(ms);
  }, []);
  const iv = interview.data;
  return (
    <Stack>
      <Group>
        <Button variant="subtle" onClick={onBack}>
          {tc('back')}
        </Button>
      </Group>
      {interview.isPending && <Loader role="status" aria-label={t('loading')} />}
      <FailureNotice title={t('loadFailed')} message={interview.error?.message} />
      {iv !== undefined && (
        <>
          <Title order={2} size="h3">
            {t('detailTitle', { code: iv.intervieweeCode })}
          </Title>
          <Text size="sm">
            {t('detailMeta', {
              date: shownDate(iv.date, iv.dateApprox),
              mode: t(`modes.${iv.mode}`),
              language: iv.language || '—',
              interviewer: iv.interviewerName,
            })}
            {' · '}
            {iv.consent.given ? t('consentGiven') : t('consentNotRecorded')}
          </Text>
          <RecordingPanel caseId={caseId} interview={iv} mediaRef={mediaRef} onTime={setCurrentMs} />
          <Tabs value={view} onChange={(v) => setView(v ?? 'transcript')} keepMounted={false}>
            <Tabs.List aria-label={t('viewsLabel')}>
              <Tabs.Tab value="transcript">{t('views.transcript')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('views.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="transcript" pt="md">
              <TranscriptPane
                interview={iv}
                currentMs={currentMs}
                onSeek={seek}
                canSeek={iv.recordingItemIds.length > 0}
              />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <RevisionHistory interviewId={iv.id} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}

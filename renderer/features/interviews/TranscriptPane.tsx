/**
 * The transcript of an interview: its latest revision in the editor, and importing a transcript file as a new revision.
 */
import { Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { request } from '../../api/vigil';
import { FailureNotice } from '../timeline/form-bits';
import { TranscriptEditor } from './TranscriptEditor';

type Interview = Res<'interviews:get'>;

const TRANSCRIPT_EXTENSIONS = ['srt', 'vtt', 'docx', 'txt'];

function ImportButton({ interviewId }: { interviewId: string }): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const importing = useApiMutation('interviews:import-transcript');
  const [dialogError, setDialogError] = useState<string | null>(null);
  const choose = async (): Promise<void> => {
    setDialogError(null);
    const chosen = await request('dialog:open-files', {
      title: t('import.choose'),
      multiple: false,
      filters: [{ name: t('import.files'), extensions: TRANSCRIPT_EXTENSIONS }],
    }).catch((e: unknown) => {
      setDialogError(e instanceof Error ? e.message : String(e));
      return null;
    });
    const file = chosen?.files[0];
    if (file !== undefined)
      await importing
        .mutateAsync({ interviewId, file: file.grant, note: t('import.note', { file: file.name }) })
        .catch(() => null);
  };
  return (
    <Stack gap="xs" align="flex-end">
      <Button variant="default" onClick={() => void choose()} loading={importing.isPending}>
        {t('import.button')}
      </Button>
      <FailureNotice title={t('import.failed')} message={importing.error?.message ?? dialogError} />
    </Stack>
  );
}

/** The transcript pane; `onSeek` moves the player, `currentMs` is where it plays. */
export function TranscriptPane({
  interview,
  currentMs,
  canSeek,
  onSeek,
}: {
  interview: Interview;
  currentMs: number | null;
  canSeek: boolean;
  onSeek: (ms: number) => void;
}): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const hasTranscript = interview.currentRevision !== null;
  const revision = useApiQuery('interviews:revision', { interviewId: interview.id }, { enabled: hasTranscript });
  const [starting, setStarting] = useState(false);
  const rev = revision.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text fw={600}>
          {rev === undefined
            ? t('editor.noTranscript')
            : t('editor.revisionHeading', {
                revision: rev.revision,
                count: rev.segments.length,
                author: rev.createdBy.name,
              })}
        </Text>
        <ImportButton interviewId={interview.id} />
      </Group>
      {hasTranscript && revision.isPending && <Loader role="status" aria-label={t('loading')} />}
      <FailureNotice title={t('loadFailed')} message={revision.error?.message} />
      {!hasTranscript && !starting && (
        <Paper withBorder p="lg">
          <Stack align="flex-start">
            <Text>{t('editor.emptyHelp')}</Text>
            <Button variant="default" onClick={() => setStarting(true)}>
              {t('editor.start')}
            </Button>
          </Stack>
        </Paper>
      )}
      {rev !== undefined && (
        <TranscriptEditor
          key={rev.id}
          interviewId={interview.id}
          initial={rev.segments}
          currentMs={currentMs}
          canSeek={canSeek}
          onSeek={onSeek}
        />
      )}
      {!hasTranscript && starting && (
        <TranscriptEditor
          interviewId={interview.id}
          initial={[]}
          currentMs={currentMs}
          canSeek={canSeek}
          onSeek={onSeek}
        />
      )}
    </Stack>
  );
}

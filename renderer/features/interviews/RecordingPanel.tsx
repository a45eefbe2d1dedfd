/**
 * The interview's recording: a player over the decrypted media URL (items:media-url),
 * or, when none is attached, a choice of the case's audio and video items and a
 * way to add a recording file (items:add-files) and attach it.
 */
import { Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../shared/contract';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { newTaskId, request } from '../../api/vigil';
import { FailureNotice } from '../timeline/form-bits';

type Interview = Res<'interviews:get'>;

/** How many of the case's audio (and video) items the attach choice offers. */
const CHOICES = 200;

const MEDIA_EXTENSIONS = ['wav', 'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac', 'webm', 'mp4', 'm4v', 'mov', 'mkv'];

function Player({
  itemId,
  kind,
  mediaRef,
  onTime,
}: {
  itemId: string;
  kind: string;
  mediaRef: RefObject<HTMLMediaElement | null>;
  onTime: (ms: number) => void;
}): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const url = useApiQuery('items:media-url', { id: itemId });
  if (url.data === undefined) return <FailureNotice title={t('recording.unavailable')} message={url.error?.message} />;
  const report = (e: React.SyntheticEvent<HTMLMediaElement>): void =>
    onTime(Math.round(e.currentTarget.currentTime * 1000));
  const common = {
    src: url.data.url,
    controls: true,
    preload: 'metadata' as const,
    onTimeUpdate: report,
    onSeeked: report,
    className: 'recording__player',
    'aria-label': t('recording.player'),
  };
  return kind === 'video' ? (
    <video ref={mediaRef as RefObject<HTMLVideoElement | null>} {...common} />
  ) : (
    <audio ref={mediaRef as RefObject<HTMLAudioElement | null>} {...common} />
  );
}

function AttachRecording({ caseId, interview }: { caseId: string; interview: Interview }): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const audio = useApiQuery('items:list', { caseId, kind: 'audio', limit: CHOICES });
  const video = useApiQuery('items:list', { caseId, kind: 'video', limit: CHOICES });
  const attach = useApiMutation('interviews:attach-recording');
  const [chosen, setChosen] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  const media = [...(audio.data?.rows ?? []), ...(video.data?.rows ?? [])];
  const itemId = chosen || media[0]?.id || '';

  const addFile = async (): Promise<void> => {
    setAdding(null);
    try {
      const { files } = await request('dialog:open-files', {
        title: t('recording.chooseFile'),
        multiple: false,
        filters: [{ name: t('recording.files'), extensions: MEDIA_EXTENSIONS }],
      });
      const [file] = files;
      if (file === undefined) return;
      const { items: added } = await request('items:add-files', { caseId, files: [file.grant], taskId: newTaskId() });
      const [item] = added;
      if (item) await attach.mutateAsync({ interviewId: interview.id, itemId: item.id });
    } catch (e) {
      setAdding(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Stack gap="xs">
      <Text size="sm">{t('recording.none')}</Text>
      <Group align="flex-end">
        {media.length > 0 && (
          <>
            <NativeSelect
              label={t('recording.fromItems')}
              value={itemId}
              onChange={(e) => setChosen(e.currentTarget.value)}
              data={media.map((i) => ({ value: i.id, label: `${i.title} (${i.fileName})` }))}
            />
            <Button
              variant="default"
              onClick={() => attach.mutate({ interviewId: interview.id, itemId })}
              loading={attach.isPending}
              disabled={itemId === ''}
            >
              {t('recording.attach')}
            </Button>
          </>
        )}
        <Button variant="default" onClick={() => void addFile()}>
          {t('recording.addFile')}
        </Button>
      </Group>
      <FailureNotice title={t('recording.notAttached')} message={attach.error?.message ?? adding} />
    </Stack>
  );
}

/** The recording panel; `mediaRef` is the player the transcript seeks, `onTime` follows playback. */
export function RecordingPanel({
  caseId,
  interview,
  mediaRef,
  onTime,
}: {
  caseId: string;
  interview: Interview;
  mediaRef: RefObject<HTMLMediaElement | null>;
  onTime: (ms: number) => void;
}): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const [index, setIndex] = useState(0);
  const ids = interview.recordingItemIds;
  const itemId = ids[index] ?? ids[0];
  const item = useApiQuery('items:get', { id: itemId ?? '' }, { enabled: itemId !== undefined });
  const kind = item.data?.kind ?? 'audio';
  return (
    <Paper withBorder p="sm" className="recording">
      {itemId === undefined ? (
        <AttachRecording caseId={caseId} interview={interview} />
      ) : (
        <Stack gap="xs">
          {ids.length > 1 && (
            <NativeSelect
              label={t('recording.which')}
              value={itemId}
              onChange={(e) => setIndex(ids.indexOf(e.currentTarget.value))}
              data={ids.map((id, i) => ({ value: id, label: t('recording.number', { n: i + 1 }) }))}
            />
          )}
          <Player key={itemId} itemId={itemId} kind={kind} mediaRef={mediaRef} onTime={onTime} />
        </Stack>
      )}
    </Paper>
  );
}

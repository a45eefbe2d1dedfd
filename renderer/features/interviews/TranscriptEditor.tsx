/**
 * Edits a transcript revision as a working copy and saves it as a NEW signed
 * revision with a note (interviews:revise); the revision it started from is
 * never changed.
 */
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/queries';
import { FailureNotice } from '../timeline/form-bits';
import {
  blankAfter,
  fromDrafts,
  playingIndex,
  splitDraft,
  toDrafts,
  type DraftProblem,
  type DraftSegment,
  type Segment,
} from './segment-draft';
import { SegmentList } from './SegmentList';
import type { RowActions } from './SegmentRow';

interface Props {
  interviewId: string;
  initial: readonly Segment[];
  currentMs: number | null;
  canSeek: boolean;
  onSeek: (ms: number) => void;
}

/** The editor over `initial` (the latest revision's segments, or none for a new transcript). */
export function TranscriptEditor({ interviewId, initial, currentMs, canSeek, onSeek }: Props): React.JSX.Element {
  const { t } = useTranslation('interviews');
  const [drafts, setDrafts] = useState<DraftSegment[]>(() =>
    initial.length > 0 ? toDrafts(initial) : [blankAfter(undefined)],
  );
  const [dirty, setDirty] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const revise = useApiMutation('interviews:revise');

  const actions = useMemo<RowActions>(() => {
    const edit = (fn: (list: DraftSegment[]) => DraftSegment[]): void => {
      setDrafts(fn);
      setDirty(true);
      setProblem(null);
    };
    return {
      change: (index, patch) => edit((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d))),
      split: (index, at) => edit((list) => list.flatMap((d, i) => (i === index ? splitDraft(d, at) : [d]))),
      remove: (index) => edit((list) => (list.length > 1 ? list.filter((_, i) => i !== index) : list)),
      addAfter: (index) =>
        edit((list) => [...list.slice(0, index + 1), blankAfter(list[index]), ...list.slice(index + 1)]),
      seek: onSeek,
    };
  }, [onSeek]);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = fromDrafts(drafts);
    if ('problem' in result) return setProblem(result.problem);
    const saved = await revise
      .mutateAsync({ interviewId, segments: result.segments, note: note.trim() })
      .catch(() => null);
    if (saved) {
      setDirty(false);
      setNote('');
    }
  };

  const playing = playingIndex(drafts, currentMs);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('editor.help')}
      </Text>
      <SegmentList
        drafts={drafts}
        playing={playing}
        bad={problem}
        canSeek={canSeek}
        actions={actions}
        label={t('editor.segmentsLabel')}
      />
      <form onSubmit={(event) => void save(event)} aria-label={t('editor.saveForm')} className="transcript__save">
        <Group align="flex-end">
          <TextInput
            className="transcript__note"
            label={t('editor.note')}
            description={t('editor.noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={2000}
          />
          <Button type="submit" loading={revise.isPending} disabled={!dirty}>
            {t('editor.save')}
          </Button>
        </Group>
        {problem !== null && (
          <Text c="red" size="sm" role="alert">
            {t('editor.badTime', { n: problem.index + 1 })}
          </Text>
        )}
        <FailureNotice title={t('editor.notSaved')} message={revise.error?.message} />
      </form>
    </Stack>
  );
}
